# Starts the plumber scoring service: Rscript serve_scoring_api.R PORT
library(pipelens)
args <- commandArgs(trailingOnly = TRUE)
port <- as.integer(args[1])
if (is.na(port)) stop("usage: Rscript serve_scoring_api.R PORT")
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1])))
source(file.path(here, "model.R"))

# The R client continues a trace from TRACEPARENT at start (one parent per process). A service
# has one parent per request: make the request's traceparent the remote parent while its span
# runs (uses the client's internal state; see examples/README.md, "Client gaps").
serve_span <- function(req, name, expr) {
  state <- pipelens:::.state
  previous <- state$remote_parent
  header <- req$HTTP_TRACEPARENT
  state$remote_parent <- pipelens:::parse_traceparent(if (is.null(header)) "" else header,
                                                       if (is.null(req$HTTP_TRACESTATE)) "" else req$HTTP_TRACESTATE)
  on.exit(state$remote_parent <- previous, add = TRUE)
  with_span(name, expr, attributes = list(http.request.method = req$REQUEST_METHOD, url.path = req$PATH_INFO),
            kind = "server")
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
