library(pipelens)
with_span("r-score", {
  log_model_samples("churn", 3, data.frame(age = c(31, 45.5, NA), country = c("de", "fr", "de")),
                    prediction = c(0.2, 0.9, 0.4), label = c(0L, 1L, 0L))
  cat(current_trace_id(), "\n")
})
