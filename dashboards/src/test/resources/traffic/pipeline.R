# Dashboard test traffic from R: a pipeline run whose step fails with an R error, a metric and a
# shifted window of model churn/3 (argv[1] rows), through pipelens' R package.
library(pipelens)
parse_row <- function(n) stop("bad row ", n)
with_span("r-pipeline", kind = "server", {
  with_span("r-load", kind = "client", set_status("ok"))
  tryCatch(with_span("r-parse", parse_row(7)), error = function(e) NULL)
})
counter_add("r_rows_processed", 5, list(step = "load"), unit = "{row}")
n <- as.integer(commandArgs(trailingOnly = TRUE)[1])
i <- seq_len(n)
ok <- log_model_samples("churn", 3, data.frame(age = 70 + (i * 7) %% 20, country = rep("it", n)),
                        prediction = (i %% 10) / 10)
cat(ok, "\n")
