# Starts the plumber scoring service: Rscript serve_scoring_api.R PORT
library(pipelens)
args <- commandArgs(trailingOnly = TRUE)
port <- as.integer(args[1])
if (is.na(port)) stop("usage: Rscript serve_scoring_api.R PORT")
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1])))
source(file.path(here, "model.R"))

# One parent per request: the span continues the caller's trace from its traceparent header.
serve_span <- function(req, name, expr) {
  with_span(name, expr, attributes = list(http.request.method = req$REQUEST_METHOD, url.path = req$PATH_INFO),
            kind = "server", traceparent = req$HTTP_TRACEPARENT,
            tracestate = if (is.null(req$HTTP_TRACESTATE)) "" else req$HTTP_TRACESTATE)
}

# R has no background exporter thread: flush between requests so spans, samples and anything
# spooled while the collector was away leave without waiting for the next request.
flush_every <- as.numeric(Sys.getenv("PIPELENS_EXPORT_INTERVAL", "2"))
periodic_flush <- function() {
  flush_telemetry(timeout = 5)
  later::later(periodic_flush, flush_every)
}
later::later(periodic_flush, flush_every)

api <- plumber::pr(file.path(here, "scoring_api.R"), envir = environment())
api <- plumber::pr_set_docs(api, FALSE)
cat("scoring api on port", port, "\n")
plumber::pr_run(api, host = "127.0.0.1", port = port)
