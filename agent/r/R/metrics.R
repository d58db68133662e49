# Counters, gauges and explicit-bucket histograms kept per attribute set and exported as
# cumulative OTLP metrics on every flush.

DEFAULT_BUCKETS <- c(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

series_key <- function(attributes) {
  if (length(attributes) == 0) return("{}")
  attributes <- attributes[order(names(attributes))]
  to_json(attributes)
}

instrument <- function(name, type, unit, description, buckets = NULL) {
  if (!is.character(name) || length(name) != 1 || !nzchar(name)) {
    stop("pipelens: a metric needs a non-empty name", call. = FALSE)
  }
  existing <- .state$metrics[[name]]
  if (!is.null(existing)) {
    if (existing$type != type) stop(sprintf("pipelens: metric '%s' already exists as a %s", name, existing$type), call. = FALSE)
    return(existing)
  }
  if (!is.null(buckets) && (any(!is.finite(buckets)) || any(diff(buckets) <= 0))) {
    stop(sprintf("pipelens: histogram '%s' needs finite, strictly increasing buckets", name), call. = FALSE)
  }
  m <- new.env(parent = emptyenv())
  m$name <- name; m$type <- type; m$unit <- unit; m$description <- description
  m$buckets <- buckets; m$start_ns <- now_ns(); m$series <- list()
  .state$metrics[[name]] <- m
  m
}

valid_number <- function(value, name) {
  if (!is.numeric(value) || length(value) != 1 || is.na(value)) {
    misuse(sprintf("pipelens: metric '%s' needs one number, got %s", name, paste(format(value), collapse = ",")))
    return(FALSE)
  }
  TRUE
}

counter_add <- function(name, value = 1, attributes = list(), unit = "", description = "") {
  m <- instrument(name, "counter", unit, description)
  if (!valid_number(value, name)) return(invisible(FALSE))
  if (value < 0) return(invisible(misuse(sprintf("pipelens: counter '%s' can only increase, got %s", name, value))))
  key <- series_key(attributes)
  old <- m$series[[key]]
  m$series[[key]] <- list(attributes = attributes, value = (if (is.null(old)) 0 else old$value) + value)
  safely(maybe_export())
  invisible(TRUE)
}

gauge_set <- function(name, value, attributes = list(), unit = "", description = "") {
  m <- instrument(name, "gauge", unit, description)
  if (!valid_number(value, name)) return(invisible(FALSE))
  m$series[[series_key(attributes)]] <- list(attributes = attributes, value = value, time_ns = now_ns())
  safely(maybe_export())
  invisible(TRUE)
}

histogram_record <- function(name, value, attributes = list(), buckets = NULL, unit = "", description = "") {
  if (is.null(buckets)) buckets <- DEFAULT_BUCKETS
  m <- instrument(name, "histogram", unit, description, buckets)
  if (!valid_number(value, name)) return(invisible(FALSE))
  key <- series_key(attributes)
  s <- m$series[[key]]
  if (is.null(s)) s <- list(attributes = attributes, counts = numeric(length(m$buckets) + 1), count = 0,
                            sum = 0, min = value, max = value)
  index <- findInterval(value, m$buckets, left.open = TRUE) + 1
  s$counts[index] <- s$counts[index] + 1
  s$count <- s$count + 1
  s$sum <- s$sum + value
  s$min <- min(s$min, value)
  s$max <- max(s$max, value)
  m$series[[key]] <- s
  safely(maybe_export())
  invisible(TRUE)
}

number_point <- function(value) {
  if (is.integer(value) || (value == round(value) && abs(value) < 2^53)) {
    list(asInt = format(value, scientific = FALSE))
  } else {
    list(asDouble = json_double(value))
  }
}

metric_json <- function(m, now) {
  if (length(m$series) == 0) return(NULL)
  base <- list(name = m$name)
  if (nzchar(m$unit)) base$unit <- m$unit
  if (nzchar(m$description)) base$description <- m$description
  points <- unname(lapply(m$series, function(s) {
    p <- list(attributes = attributes_json(s$attributes))
    if (m$type == "gauge") return(c(p, number_point(s$value), list(timeUnixNano = s$time_ns)))
    p$startTimeUnixNano <- m$start_ns
    p$timeUnixNano <- now
    if (m$type == "counter") return(c(p, number_point(s$value)))
    c(p, list(count = format(s$count, scientific = FALSE), sum = json_double(s$sum),
              bucketCounts = as.list(format(s$counts, scientific = FALSE, trim = TRUE)),
              explicitBounds = as.list(m$buckets), min = json_double(s$min), max = json_double(s$max)))
  }))
  switch(m$type,
    counter = c(base, list(sum = list(aggregationTemporality = 2L, isMonotonic = TRUE, dataPoints = points))),
    gauge = c(base, list(gauge = list(dataPoints = points))),
    histogram = c(base, list(histogram = list(aggregationTemporality = 2L, dataPoints = points))))
}

collect_metrics <- function() {
  now <- now_ns()
  out <- lapply(as.list(.state$metrics), metric_json, now = now)
  unname(Filter(Negate(is.null), out))
}
