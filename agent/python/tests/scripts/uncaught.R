library(pipelens)
capture_uncaught_errors()
step_three <- function() stop("disk quota exceeded")
with_span("r-work", step_three())
