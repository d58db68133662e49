# Batching exporter. R runs one thing at a time, so exports happen inside API calls once a batch
# is full or the export interval has passed, and at exit (finalizer). Every path here is wrapped
# in safely(): pipelens never signals an error or warning into the host script.

PATHS <- c(traces = "/v1/traces", metrics = "/v1/metrics", logs = "/v1/logs", drift = "/v1/drift/samples")

safely <- function(expr) {
  tryCatch(expr, error = function(e) {
    internal_warning(paste("pipelens: internal error (telemetry may be lost):", conditionMessage(e)))
    NULL
  }, warning = function(w) NULL)
}

stat <- function(stats, key) if (is.null(stats[[key]])) 0 else stats[[key]]
bump <- function(key) .state$stats[[key]] <- stat(.state$stats, key) + 1

enqueue <- function(kind, item) {
  queue <- .state$queues[[kind]]
  if (length(queue) >= .state$config$queue_size) {
    queue <- queue[-1]
    bump(paste0("dropped_", kind))
  }
  queue[[length(queue) + 1]] <- item
  .state$queues[[kind]] <- queue
  maybe_export(length(queue) >= .state$config$batch_size)
}

# Exports when a batch is full or the export interval has passed (R has no background thread).
maybe_export <- function(full = FALSE) {
  due <- (as.numeric(Sys.time()) - .state$last_export) >= .state$config$export_interval
  if (full || due) export_cycle(final = FALSE, deadline = Sys.time() + 2 * .state$config$timeout)
}

flush_telemetry <- function(timeout = NULL) {
  if (is.null(.state$config)) return(invisible(FALSE))
  budget <- if (is.null(timeout)) .state$config$exit_timeout else max(0, timeout)
  deadline <- Sys.time() + budget
  safely(export_cycle(final = TRUE, deadline = deadline))
  invisible(all(lengths(.state$queues) == 0))
}

pipelens_stats <- function() .state$stats

retry_after_seconds <- function(value) {
  if (is.null(value) || !nzchar(value)) return(NULL)
  secs <- suppressWarnings(as.numeric(value))
  if (!is.na(secs)) return(max(0, secs))
  when <- suppressWarnings(as.POSIXct(strptime(value, "%a, %d %b %Y %H:%M:%S", tz = "GMT")))
  if (is.na(when)) NULL else max(0, as.numeric(difftime(when, Sys.time(), units = "secs")))
}

http_post <- function(url, body, timeout) {
  handle <- curl::new_handle()
  headers <- c("Content-Type" = "application/json", "User-Agent" = "pipelens-r")
  if (!is.null(.state$config$token)) headers <- c(headers, Authorization = paste("Bearer", .state$config$token))
  curl::handle_setheaders(handle, .list = as.list(headers))
  curl::handle_setopt(handle, post = TRUE, postfields = enc2utf8(body),
                      timeout_ms = max(50, round(timeout * 1000)), connecttimeout_ms = max(50, round(timeout * 1000)))
  response <- tryCatch(curl::curl_fetch_memory(url, handle = handle), error = function(e) NULL)
  if (is.null(response)) return(list(status = 0L, retry_after = NULL))
  parsed <- curl::parse_headers_list(response$headers)
  list(status = response$status_code, retry_after = parsed[["retry-after"]])
}

# "ok", "rejected" (4xx other than 408/429: dropped) or "transient" (spool and back off).
send <- function(kind, body, deadline) {
  cfg <- .state$config
  base <- if (kind == "drift") cfg$api_endpoint else cfg$endpoint
  status <- 0L
  for (attempt in 0:cfg$max_retries) {
    remaining <- as.numeric(difftime(deadline, Sys.time(), units = "secs"))
    if (remaining <= 0.01) break
    result <- http_post(paste0(base, PATHS[[kind]]), body, min(cfg$timeout, remaining))
    status <- result$status
    if (status >= 200 && status < 300) return(list(outcome = "ok", status = status))
    if (status != 0 && !status %in% c(408L, 429L, 502L, 503L, 504L)) return(list(outcome = "rejected", status = status))
    delay <- retry_after_seconds(result$retry_after)
    if (is.null(delay)) delay <- min(30, 0.25 * 2^attempt) * (0.5 + stats_runif() / 2)
    delay <- min(delay, 30)
    if (attempt == cfg$max_retries || Sys.time() + delay >= deadline) break
    Sys.sleep(delay)
  }
  list(outcome = "transient", status = status)
}

stats_runif <- function() strtoi(substr(random_hex(2), 1, 4), 16L) / 65536

is_down <- function() as.numeric(Sys.time()) < .state$down_until

mark_down <- function(status) {
  .state$failures <- .state$failures + 1
  .state$down_until <- as.numeric(Sys.time()) + min(30, 2^(.state$failures - 1))
  internal_warning(sprintf("pipelens: collector at %s unreachable (HTTP %s); spooling to %s", .state$config$endpoint,
                           if (status == 0) "no connection" else status, .state$config$spool_dir))
}

deliver <- function(kind, body, deadline, spool = TRUE) {
  if (!is_down() && Sys.time() < deadline) {  # out of time: spool, but the collector is not "down"
    result <- send(kind, body, deadline)
    if (result$outcome == "ok") {
      .state$failures <- 0
      .state$down_until <- 0
      bump(paste0("sent_", kind))
      return(TRUE)
    }
    if (result$outcome == "rejected") {
      bump(paste0("rejected_", kind))
      internal_warning(sprintf("pipelens: collector rejected %s with HTTP %d; dropped%s", kind, result$status,
                               if (result$status %in% c(401, 403)) " - check PIPELENS_TOKEN" else ""))
      return(FALSE)
    }
    mark_down(result$status)
  }
  if (spool) {
    if (isTRUE(tryCatch(spool_put(kind, body), error = function(e) FALSE))) bump(paste0("spooled_", kind))
    else bump(paste0("dropped_", kind))
  }
  FALSE
}

replay_spool <- function(deadline) {
  if (is_down()) return(invisible())
  for (name in spool_pending()) {
    if (Sys.time() >= deadline || is_down()) return(invisible())
    claimed <- spool_claim(name)
    if (is.null(claimed)) next
    result <- send(claimed$kind, claimed$body, deadline)
    if (result$outcome == "transient") {
      file.rename(claimed$path, sub("\\.sending-[0-9]+$", "", claimed$path))
      mark_down(result$status)
      return(invisible())
    }
    file.remove(claimed$path)
    bump(paste0(if (result$outcome == "ok") "replayed_" else "rejected_", claimed$kind))
  }
}

take <- function(kind, size) {
  queue <- .state$queues[[kind]]
  n <- min(size, length(queue))
  if (n == 0) return(list())
  .state$queues[[kind]] <- queue[-seq_len(n)]
  queue[seq_len(n)]
}

dropped_metric <- function() {
  keys <- grep("^dropped_", names(.state$stats), value = TRUE)
  if (length(keys) == 0) return(NULL)
  now <- now_ns()
  points <- unname(lapply(keys, function(k) list(
    asInt = format(.state$stats[[k]], scientific = FALSE), timeUnixNano = now, startTimeUnixNano = .state$start_ns,
    attributes = attributes_json(list(signal = sub("^dropped_", "", k))))))
  list(name = "pipelens.client.dropped", unit = "{item}",
       sum = list(aggregationTemporality = 2L, isMonotonic = TRUE, dataPoints = points))
}

export_cycle <- function(final, deadline) {
  force(deadline)  # a lazy `Sys.time() + budget` would otherwise be computed late
  if (isTRUE(.state$exporting)) return(invisible())
  .state$exporting <- TRUE
  on.exit(.state$exporting <- FALSE)
  .state$last_export <- as.numeric(Sys.time())
  cfg <- .state$config
  replay_spool(deadline)
  repeat {
    spans <- take("traces", cfg$batch_size)
    if (length(spans) == 0) break
    deliver("traces", traces_body(cfg$resource, spans), deadline)
  }
  repeat {
    records <- take("logs", cfg$batch_size)
    if (length(records) == 0) break
    deliver("logs", logs_body(cfg$resource, records), deadline)
  }
  repeat {
    body <- take("drift", 1)
    if (length(body) == 0) break
    deliver("drift", body[[1]], deadline)
  }
  metrics <- collect_metrics()
  dropped <- dropped_metric()
  if (!is.null(dropped)) metrics[[length(metrics) + 1]] <- dropped
  if (length(metrics) > 0 && (final || !is_down())) deliver("metrics", metrics_body(cfg$resource, metrics), deadline, spool = final)
  invisible()
}
