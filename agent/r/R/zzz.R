.state <- new.env(parent = emptyenv())

.onLoad <- function(libname, pkgname) {
  safely_load <- function() {
    .state$warned <- character()
    .state$config <- load_config()
    .state$remote_parent <- parse_traceparent(Sys.getenv("TRACEPARENT", ""), Sys.getenv("TRACESTATE", ""))
    .state$stack <- list()
    .state$queues <- list(traces = list(), logs = list(), drift = list())
    .state$metrics <- new.env(parent = emptyenv())
    .state$stats <- list()
    .state$start_ns <- now_ns()
    .state$last_export <- as.numeric(Sys.time())
    .state$down_until <- 0
    .state$failures <- 0
    .state$spool_seq <- 0
    .state$exporting <- FALSE
    reg.finalizer(.state, function(e) flush_telemetry(), onexit = TRUE)
  }
  # Never fail loading (the host script must run); the reason is shown when attached.
  tryCatch(safely_load(), error = function(e) .state$load_error <- conditionMessage(e))
}

.onAttach <- function(libname, pkgname) {
  if (!is.null(.state$load_error)) {
    packageStartupMessage("pipelens: telemetry disabled, could not start: ", .state$load_error)
  }
}
