# Spans: a stack of open spans (R evaluates one thing at a time), errors recorded with the call
# stack, and the remote parent from TRACEPARENT at load time.

KINDS <- c(unspecified = 0L, internal = 1L, server = 2L, client = 3L, producer = 4L, consumer = 5L)
STATUS <- c(unset = 0L, ok = 1L, error = 2L)

lookup_code <- function(table, value, what) {
  if (is.numeric(value) && length(value) == 1 && value %in% table) return(as.integer(value))
  key <- tolower(as.character(value))
  if (length(key) != 1 || !key %in% names(table)) {
    stop(sprintf("pipelens: unknown span %s '%s'; expected one of %s", what,
                 paste(value, collapse = ","), paste(names(table), collapse = ", ")), call. = FALSE)
  }
  table[[key]]
}

current_context <- function() {
  stack <- .state$stack
  if (length(stack) > 0) return(stack[[length(stack)]])
  .state$remote_parent
}

current_span <- function() {
  stack <- .state$stack
  if (length(stack) > 0) stack[[length(stack)]] else NULL
}

current_trace_id <- function() {
  ctx <- current_context()
  if (is.null(ctx)) NA_character_ else ctx$trace_id
}

start_span <- function(name, attributes = list(), kind = "internal", traceparent = NULL, tracestate = "") {
  kind <- lookup_code(KINDS, kind, "kind")
  if (!is.list(attributes)) attributes <- as.list(attributes)
  # an incoming request's traceparent (e.g. a plumber handler) continues the caller's trace;
  # a missing or malformed one falls back to the current span, never an error
  remote <- if (is.null(traceparent)) NULL else parse_traceparent(as.character(traceparent)[1], tracestate)
  parent <- if (is.null(remote)) current_context() else remote
  span <- new.env(parent = emptyenv())
  span$name <- as.character(name)[1]
  span$kind <- kind
  span$trace_id <- if (is.null(parent)) new_id(16) else parent$trace_id
  span$span_id <- new_id(8)
  span$parent_span_id <- if (is.null(parent)) "" else parent$span_id
  span$parent_remote <- !is.null(parent) && isTRUE(parent$remote)
  span$flags <- if (is.null(parent)) 1L else parent$flags
  span$trace_state <- if (is.null(parent)) "" else parent$trace_state
  span$remote <- FALSE
  span$attributes <- attributes
  span$events <- list()
  span$status_code <- 0L
  span$status_message <- ""
  span$start_ns <- now_ns()
  span$end_ns <- NULL
  .state$stack <- c(.state$stack, span)
  invisible(span)
}

end_span <- function(span = current_span()) {
  if (is.null(span) || !is.null(span$end_ns)) return(invisible(NULL))
  span$end_ns <- now_ns()
  keep <- !vapply(.state$stack, identical, logical(1), span)
  .state$stack <- .state$stack[keep]
  safely(enqueue("traces", span))
  invisible(NULL)
}

set_attribute <- function(key, value, span = current_span()) {
  if (!is.null(span)) span$attributes[[as.character(key)]] <- value
  invisible(span)
}

add_event <- function(name, attributes = list(), span = current_span()) {
  if (!is.null(span) && length(span$events) < 128) {
    span$events[[length(span$events) + 1]] <- list(name = as.character(name), attributes = attributes,
                                                   time_ns = now_ns())
  }
  invisible(span)
}

set_status <- function(code, message = "", span = current_span()) {
  code <- lookup_code(STATUS, code, "status")
  if (!is.null(span) && span$status_code != STATUS[["ok"]]) {
    span$status_code <- code
    span$status_message <- if (code == STATUS[["error"]]) as.character(message) else ""
  }
  invisible(span)
}

# The call stack as text, one call per line, outermost first and innermost (where the error was
# signalled) last; pipelens' own frames and R's condition-handling frames are left out.
format_calls <- function(calls) {
  lines <- vapply(calls, function(call) {
    paste(trimws(deparse(call, width.cutoff = 200L, nlines = 1L)), collapse = "")
  }, character(1))
  internal <- grepl("^(withVisible\\(withCallingHandlers\\(expr|withCallingHandlers|tryCatch|tryCatchList|tryCatchOne|doTryCatch|\\.handleSimpleError|h\\(|signalCondition|withOneRestart|withRestarts|doWithOneRestart|pipelens_error_handler|record_error|safely)", lines)
  paste(lines[!internal], collapse = "\n")
}

exception_attributes <- function(cond, calls) {
  list(
    exception.type = class(cond)[1],
    exception.message = conditionMessage(cond),
    exception.stacktrace = format_calls(calls)
  )
}

record_error <- function(cond, calls = sys.calls(), span = current_span()) {
  if (is.null(span)) return(invisible(NULL))
  add_event("exception", exception_attributes(cond, calls), span)
  set_status("error", conditionMessage(cond), span)
  invisible(span)
}

with_span <- function(name, expr, attributes = list(), kind = "internal", traceparent = NULL, tracestate = "") {
  span <- start_span(name, attributes, kind, traceparent, tracestate)
  on.exit(end_span(span))
  result <- withVisible(withCallingHandlers(expr, error = function(cond) {
    calls <- sys.calls()
    safely({
      record_error(cond, calls[-length(calls)], span)
      .state$recorded <- list(cond = cond, span = span)
    })
  }))
  if (result$visible) result$value else invisible(result$value)
}
