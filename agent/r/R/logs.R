# Log records with the current trace and span ids.

SEVERITY <- c(TRACE = 1L, DEBUG = 5L, INFO = 9L, WARN = 13L, WARNING = 13L, ERROR = 17L, FATAL = 21L)

log_record <- function(message, severity = "INFO", attributes = list()) {
  level <- toupper(as.character(severity))
  if (length(level) != 1 || !level %in% names(SEVERITY)) {
    return(invisible(misuse(sprintf("pipelens: unknown log severity '%s'; expected one of %s",
                                    paste(severity, collapse = ","), paste(names(SEVERITY), collapse = ", ")))))
  }
  safely({
    now <- now_ns()
    record <- list(timeUnixNano = now, observedTimeUnixNano = now, severityNumber = SEVERITY[[level]],
                   severityText = if (level == "WARNING") "WARN" else level,
                   body = list(stringValue = paste(as.character(message), collapse = "\n")),
                   attributes = attributes_json(attributes))
    ctx <- current_context()
    if (!is.null(ctx)) {
      record$traceId <- ctx$trace_id
      record$spanId <- ctx$span_id
      record$flags <- as.integer(ctx$flags)
    }
    enqueue("logs", record)
  })
  invisible(TRUE)
}
