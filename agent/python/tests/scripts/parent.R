# R parent starting a Python child with the trace context in its environment.
library(pipelens)
args <- commandArgs(trailingOnly = TRUE)
with_span("r-parent", {
  out <- system2(args[1], c(args[2], "from-r"), env = child_env(), stdout = TRUE)
  cat(current_trace_id(), current_span()$span_id, "\n")
  cat(out, sep = "\n")
})
