# OTLP/HTTP JSON encoding. JSON arrays are built from unnamed lists so that a one-element array
# never collapses to a scalar; 64-bit integers travel as decimal strings.

json_double <- function(x) {
  if (is.nan(x) || is.na(x)) return("NaN")
  if (is.infinite(x)) return(if (x > 0) "Infinity" else "-Infinity")
  x
}

any_value <- function(value) {
  if (is.null(value)) return(structure(list(), names = character()))
  if (is.factor(value)) value <- as.character(value)
  if (is.list(value) && !is.null(names(value)) && all(nzchar(names(value)))) {
    return(list(kvlistValue = list(values = attributes_json(value))))
  }
  if (length(value) != 1 || is.list(value)) {
    return(list(arrayValue = list(values = lapply(unname(as.list(value)), any_value))))
  }
  if (is.na(value) && !is.nan(value)) return(structure(list(), names = character()))
  if (is.logical(value)) return(list(boolValue = value))
  if (is.integer(value)) return(list(intValue = as.character(value)))
  if (is.numeric(value)) return(list(doubleValue = json_double(value)))
  if (is.raw(value)) return(list(bytesValue = jsonlite::base64_enc(value)))
  list(stringValue = as.character(value))
}

attributes_json <- function(attrs) {
  if (length(attrs) == 0) return(list())
  keys <- names(attrs)
  if (is.null(keys) || any(!nzchar(keys))) stop("pipelens: attributes must be a named list")
  unname(Map(function(k, v) list(key = k, value = any_value(v)), keys, attrs))
}

scope_json <- function() {
  list(name = "pipelens", version = as.character(utils::packageVersion("pipelens")))
}

span_json <- function(span) {
  out <- list(
    traceId = span$trace_id, spanId = span$span_id, name = span$name, kind = span$kind,
    startTimeUnixNano = span$start_ns, endTimeUnixNano = span$end_ns,
    attributes = attributes_json(span$attributes),
    events = unname(lapply(span$events, function(e) {
      list(timeUnixNano = e$time_ns, name = e$name, attributes = attributes_json(e$attributes))
    })),
    status = if (nzchar(span$status_message)) list(code = span$status_code, message = span$status_message)
             else list(code = span$status_code),
    flags = bitwOr(0x100L, bitwAnd(as.integer(span$flags), 0xFFL)) + if (isTRUE(span$parent_remote)) 0x200L else 0L
  )
  if (nzchar(span$parent_span_id)) out$parentSpanId <- span$parent_span_id
  if (nzchar(span$trace_state)) out$traceState <- span$trace_state
  out
}

resource_json <- function(resource) list(attributes = attributes_json(resource))

traces_body <- function(resource, spans) {
  to_json(list(resourceSpans = list(list(resource = resource_json(resource),
    scopeSpans = list(list(scope = scope_json(), spans = unname(lapply(spans, span_json))))))))
}

logs_body <- function(resource, records) {
  to_json(list(resourceLogs = list(list(resource = resource_json(resource),
    scopeLogs = list(list(scope = scope_json(), logRecords = unname(records)))))))
}

metrics_body <- function(resource, metrics) {
  to_json(list(resourceMetrics = list(list(resource = resource_json(resource),
    scopeMetrics = list(list(scope = scope_json(), metrics = unname(metrics)))))))
}

to_json <- function(x) {
  as.character(jsonlite::toJSON(x, auto_unbox = TRUE, digits = NA, null = "null", na = "null"))
}
