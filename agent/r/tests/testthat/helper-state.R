# Fresh queues and a private spool per test; the collector is a closed port, so nothing leaves.
fresh_state <- function(env = parent.frame()) {
  st <- pipelens:::.state
  st$stack <- list()
  st$queues <- list(traces = list(), logs = list(), drift = list())
  st$metrics <- new.env(parent = emptyenv())
  st$stats <- list()
  st$config$spool_dir <- tempfile("spool-")
  st$config$strict <- FALSE
  st$config$batch_size <- 1e6
  st$config$export_interval <- 1e6
  st$last_export <- as.numeric(Sys.time())
  st$down_until <- 0
  st
}

finished_spans <- function() pipelens:::.state$queues$traces
span_named <- function(name) Filter(function(s) s$name == name, finished_spans())[[1]]
