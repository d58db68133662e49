# An R model step started by the Java scheduler: starts a Python grandchild, then fails on a bad row.
library(pipelens)
args <- commandArgs(trailingOnly = TRUE)
score_row <- function(x) stop("bad row ", x)
score_all <- function() score_row(7)
with_span("score", {
  system2(args[1], c(args[2], "from-r"), env = child_env(), stdout = FALSE)
  score_all()
})
