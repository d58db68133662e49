test_that("a valid traceparent becomes the remote parent", {
  ctx <- pipelens:::parse_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "k=v")
  expect_equal(ctx$trace_id, "4bf92f3577b34da6a3ce929d0e0e4736")
  expect_equal(ctx$span_id, "00f067aa0ba902b7")
  expect_equal(ctx$flags, 1L)
  expect_equal(ctx$trace_state, "k=v")
})

test_that("invalid traceparents are ignored", {
  bad <- c("", "junk", paste0("00-", strrep("0", 32), "-00f067aa0ba902b7-01"),
           paste0("00-4bf92f3577b34da6a3ce929d0e0e4736-", strrep("0", 16), "-01"),
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")
  for (value in bad) expect_null(pipelens:::parse_traceparent(value), label = value)
})

test_that("spans nest and continue the remote parent", {
  st <- fresh_state()
  st$remote_parent <- pipelens:::parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
  on.exit(st$remote_parent <- NULL)
  value <- with_span("outer", with_span("inner", kind = "client", 42))
  expect_equal(value, 42)
  outer <- span_named("outer"); inner <- span_named("inner")
  expect_equal(outer$parent_span_id, "00f067aa0ba902b7")
  expect_equal(inner$parent_span_id, outer$span_id)
  expect_equal(inner$trace_id, "4bf92f3577b34da6a3ce929d0e0e4736")
  expect_equal(inner$kind, 3L)
  expect_length(st$stack, 0)
})

test_that("an incoming traceparent (a served request) continues the caller's trace", {
  fresh_state()
  value <- with_span("POST /score", kind = "server", 7,
                     traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", tracestate = "r=1")
  expect_equal(value, 7)
  served <- span_named("POST /score")
  expect_equal(served$trace_id, "0af7651916cd43dd8448eb211c80319c")
  expect_equal(served$parent_span_id, "b7ad6b7169203331")
  expect_true(served$parent_remote)
  expect_equal(served$trace_state, "r=1")
  with_span("no header", NULL, traceparent = "garbage")
  expect_equal(span_named("no header")$parent_span_id, "")
})

test_that("ids do not depend on set.seed", {
  fresh_state()
  set.seed(1); a <- with_span("a", current_trace_id())
  set.seed(1); b <- with_span("b", current_trace_id())
  expect_false(identical(a, b))
  set.seed(1); x <- runif(1); set.seed(1); with_span("c", NULL); expect_equal(runif(1), x)
})

test_that("child_env carries the current span", {
  fresh_state()
  with_span("parent", {
    env <- child_env()
    id <- current_span()$span_id
    trace <- current_trace_id()
  })
  expect_equal(env[[1]], sprintf("TRACEPARENT=00-%s-%s-01", trace, id))
  Sys.setenv(PIPELENS_TEST_KEEP = "kept")
  inside <- with_span("p", with_child_env(Sys.getenv(c("TRACEPARENT", "PIPELENS_TEST_KEEP"))))
  expect_match(inside[[1]], "^00-[0-9a-f]{32}-[0-9a-f]{16}-01$")
  expect_equal(inside[[2]], "kept")
  expect_equal(Sys.getenv("TRACEPARENT"), "")
})
