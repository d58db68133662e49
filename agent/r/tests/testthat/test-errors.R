test_that("an error is recorded with the call stack and re-signalled unchanged", {
  fresh_state()
  validate_rows <- function(n) check_row(n)
  check_row <- function(n) stop(structure(class = c("rowError", "error", "condition"),
                                          list(message = paste("bad row", n), call = sys.call(), row = n)))
  err <- tryCatch(with_span("validate", validate_rows(7)), error = function(e) e)
  expect_s3_class(err, "rowError")
  expect_equal(err$row, 7)
  expect_equal(conditionMessage(err), "bad row 7")
  span <- span_named("validate")
  expect_equal(span$status_code, 2L)
  event <- span$events[[1]]
  expect_equal(event$name, "exception")
  expect_equal(event$attributes$exception.type, "rowError")
  expect_equal(event$attributes$exception.message, "bad row 7")
  lines <- strsplit(event$attributes$exception.stacktrace, "\n")[[1]]
  expect_equal(tail(lines, 3), c("validate_rows(7)", "check_row(n)",
                                 "stop(structure(class = c(\"rowError\", \"error\", \"condition\"), list(message = paste(\"bad row\", n), call = sys.call(), row = n)))"))
  expect_false(any(grepl("withCallingHandlers|tryCatchList|doTryCatch", lines)))
})

test_that("warnings and values pass through untouched", {
  fresh_state()
  expect_warning(v <- with_span("w", { warning("careful"); 5 }), "careful")
  expect_equal(v, 5)
  expect_equal(span_named("w")$status_code, 0L)
})

test_that("a broken exporter never reaches the host script", {
  st <- fresh_state()
  st$config$batch_size <- 1
  old <- st$config$endpoint
  st$config$endpoint <- NULL  # paste0(NULL, path) -> garbage URL; the send fails inside pipelens
  on.exit(st$config$endpoint <- old)
  expect_silent(with_span("ok", 1))
  expect_equal(with_span("ok", 1 + 1), 2)
})

test_that("bad kinds name the allowed values", {
  expect_error(with_span("x", 1, kind = "sideways"), "unknown span kind 'sideways'; expected one of unspecified, internal")
})

test_that("with_span keeps the visibility of its value", {
  fresh_state()
  expect_invisible(with_span("assign", x <- 5))
  expect_visible(with_span("value", 5))
  expect_equal(with_span("assign", y <- 6), 6)
})

test_that("an exit with no time left spools without calling the collector down", {
  st <- fresh_state()
  with_span("late", NULL)
  said <- capture.output(flush_telemetry(0), type = "message")
  expect_equal(pipelens_stats()$spooled_traces, 1)
  expect_false(any(grepl("unreachable", said)))
})
