test_that("an unreachable collector spools, bounded by size", {
  st <- fresh_state()
  st$config$spool_max_bytes <- 3000
  for (i in 1:30) with_span(paste0("span-", i), NULL)
  flush_telemetry(1)
  files <- list.files(st$config$spool_dir)
  expect_true(length(files) >= 1)
  expect_true(all(grepl("^[0-9]{20}-[0-9]+-[0-9]+\\.(traces|metrics)\\.json$", files)))
  st$config$spool_max_bytes <- 1500
  for (i in 1:20) { with_span(paste0("more-", i), NULL); flush_telemetry(0) }
  expect_lte(sum(file.size(file.path(st$config$spool_dir, list.files(st$config$spool_dir)))), 1500)
})

test_that("a full queue drops the oldest and counts", {
  st <- fresh_state()
  st$config$queue_size <- 5
  for (i in 1:12) with_span(paste0("s", i), NULL)
  expect_equal(vapply(st$queues$traces, function(s) s$name, ""), paste0("s", 8:12))
  expect_equal(pipelens_stats()$dropped_traces, 7)
})

test_that("metrics alone are exported once the interval has passed", {
  st <- fresh_state()
  st$config$export_interval <- 0
  counter_add("only_metrics", 1)
  expect_equal(pipelens_stats()$spooled_metrics, NULL, info = "periodic metrics are not spooled while down")
  expect_gte(st$last_export, as.numeric(Sys.time()) - 5)
  st$config$export_interval <- 1e6
  st$last_export <- 0
  counter_add("only_metrics", 1)
  expect_gte(st$last_export, as.numeric(Sys.time()) - 5, label = "an overdue export runs on the next metric call")
})
