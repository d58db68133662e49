# Trace context for child processes, and uncaught errors.

child_env <- function() {
  ctx <- current_context()
  out <- character()
  if (!is.null(ctx)) {
    out <- c(out, paste0("TRACEPARENT=", format_traceparent(ctx)))
    if (nzchar(ctx$trace_state)) out <- c(out, paste0("TRACESTATE=", ctx$trace_state))
  }
  baggage <- Sys.getenv("BAGGAGE", "")
  if (nzchar(baggage)) out <- c(out, paste0("BAGGAGE=", baggage))
  out
}

with_child_env <- function(expr) {
  vars <- child_env()
  if (length(vars) == 0) return(expr)
  keys <- sub("=.*$", "", vars)
  old <- Sys.getenv(keys, unset = NA, names = TRUE)
  on.exit({
    for (k in keys) if (is.na(old[[k]])) Sys.unsetenv(k) else do.call(Sys.setenv, structure(list(old[[k]]), names = k))
  })
  do.call(Sys.setenv, structure(as.list(sub("^[^=]*=", "", vars)), names = keys))
  expr
}

capture_uncaught_errors <- function() {
  globalCallingHandlers(error = function(cond) {
    calls <- sys.calls()
    safely(record_uncaught(cond, calls[-length(calls)]))
  })
  invisible(TRUE)
}

record_uncaught <- function(cond, calls) {
  recorded <- .state$recorded
  span <- if (!is.null(recorded) && identical(recorded$cond, cond)) recorded$span else NULL
  if (is.null(span)) {
    span <- start_span(paste("uncaught", class(cond)[1]))
    record_error(cond, calls, span)
    end_span(span)
  }
  attrs <- exception_attributes(cond, calls)
  now <- now_ns()
  enqueue("logs", list(timeUnixNano = now, observedTimeUnixNano = now, severityNumber = 17L, severityText = "ERROR",
                       body = list(stringValue = paste("uncaught error:", conditionMessage(cond))),
                       attributes = attributes_json(attrs), traceId = span$trace_id, spanId = span$span_id))
  flush_telemetry(.state$config$exit_timeout)
}
