json <- function(x) jsonlite::fromJSON(x, simplifyVector = FALSE)

test_that("attributes map to OTLP AnyValue with int64 as strings", {
  values <- pipelens:::attributes_json(list(n = 3L, x = 1.5, ok = TRUE, s = "a", v = c(1L, 2L), big = 2^60))
  out <- json(pipelens:::to_json(values))
  expect_equal(out[[1]]$value, list(intValue = "3"))
  expect_equal(out[[2]]$value, list(doubleValue = 1.5))
  expect_equal(out[[3]]$value, list(boolValue = TRUE))
  expect_equal(out[[4]]$value, list(stringValue = "a"))
  expect_equal(out[[5]]$value, list(arrayValue = list(values = list(list(intValue = "1"), list(intValue = "2")))))
  expect_equal(out[[6]]$value$doubleValue, 2^60)
})

test_that("a span encodes with hex ids, integer enums and string timestamps", {
  fresh_state()
  with_span("one", attributes = list(k = "v"), kind = "server", set_status("ok"))
  body <- json(pipelens:::traces_body(list(service.name = "t"), finished_spans()))
  span <- body$resourceSpans[[1]]$scopeSpans[[1]]$spans[[1]]
  expect_match(span$traceId, "^[0-9a-f]{32}$")
  expect_match(span$spanId, "^[0-9a-f]{16}$")
  expect_equal(span$kind, 2L)
  expect_equal(span$status$code, 1L)
  expect_match(span$startTimeUnixNano, "^[0-9]{19}$")
  expect_true(span$endTimeUnixNano >= span$startTimeUnixNano)
  expect_equal(span$events, list())
})

test_that("metrics are cumulative with bucket counts", {
  fresh_state()
  counter_add("rows", 5, list(step = "load"))
  counter_add("rows", 2, list(step = "load"))
  for (v in c(0.05, 0.5, 0.7, 5, 50)) histogram_record("lat", v, buckets = c(0.1, 1, 10))
  gauge_set("depth", 3.5)
  metrics <- json(pipelens:::metrics_body(list(), pipelens:::collect_metrics()))$resourceMetrics[[1]]$scopeMetrics[[1]]$metrics
  byname <- setNames(metrics, vapply(metrics, `[[`, "", "name"))
  expect_equal(byname$rows$sum$dataPoints[[1]]$asInt, "7")
  expect_equal(byname$rows$sum$aggregationTemporality, 2L)
  point <- byname$lat$histogram$dataPoints[[1]]
  expect_equal(unlist(point$bucketCounts), c("1", "2", "1", "1"))
  expect_equal(point$count, "5")
  expect_equal(point$sum, 56.25)
  expect_equal(byname$depth$gauge$dataPoints[[1]]$asDouble, 3.5)
})

test_that("metric misuse warns on stderr, or errors in strict mode", {
  st <- fresh_state()
  said <- capture.output(ok <- counter_add("c2", -1), type = "message")
  expect_false(ok)
  expect_match(said, "counter 'c2' can only increase, got -1 \\(ignored; set PIPELENS_STRICT=1 to raise\\)")
  st$config$strict <- TRUE
  expect_error(counter_add("c3", -1), "counter 'c3' can only increase, got -1")
  expect_error(histogram_record("h", 1, buckets = c(2, 1)), "strictly increasing buckets")
})

test_that("model samples follow the drift wire format", {
  fresh_state()
  body <- json(pipelens:::drift_body("churn", 3, data.frame(age = c(31, 45.5, NA), country = c("de", "fr", "de")),
                                     prediction = c(0.2, 0.9, 0.4), label = c(FALSE, TRUE, FALSE)))
  expect_equal(body$model, "churn")
  expect_equal(body$version, "3")
  expect_equal(body$columns$age, list(31, 45.5, NULL))
  expect_equal(body$columns$country, list("de", "fr", "de"))
  expect_equal(body$label, list(0L, 1L, 0L))
  one <- json(pipelens:::drift_body("m", "1", list(x = 5)))
  expect_equal(one$columns$x, list(5L), info = "a one-row column is still an array")
})

test_that("invalid model samples name the problem", {
  st <- fresh_state()
  st$config$strict <- TRUE
  expect_error(log_model_samples("m", 1, list(a = 1:3), prediction = c(0.1, 0.2)),
               "same length, got a=3, prediction=2")
  expect_error(log_model_samples("", 1, list(a = 1)), "model must be a non-empty string")
  expect_error(log_model_samples("m", 1, list(a = list(1, list(2)))), "column 'a' holds a list at position 2")
  st$config$strict <- FALSE
  expect_false(log_model_samples("m", 1, list(a = 1:3), prediction = 1))
  expect_length(st$queues$drift, 0)
})
