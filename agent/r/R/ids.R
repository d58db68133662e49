# W3C trace-context ids. Randomness comes from /dev/urandom so that set.seed() in the user's
# script neither repeats our ids nor is disturbed by them.

random_hex <- function(bytes) {
  raw <- tryCatch({
    con <- file("/dev/urandom", "rb")
    on.exit(close(con))
    readBin(con, "raw", bytes)
  }, error = function(e) NULL, warning = function(w) NULL)
  if (length(raw) != bytes) {
    seed <- if (exists(".Random.seed", envir = globalenv())) get(".Random.seed", envir = globalenv()) else NULL
    on.exit(if (is.null(seed)) suppressWarnings(rm(".Random.seed", envir = globalenv()))
            else assign(".Random.seed", seed, envir = globalenv()), add = TRUE)
    set.seed(as.integer((as.numeric(Sys.time()) * 1e6 + Sys.getpid()) %% .Machine$integer.max))
    raw <- as.raw(sample.int(256L, bytes, replace = TRUE) - 1L)
  }
  paste(format(raw), collapse = "")
}

new_id <- function(bytes) {
  repeat {
    id <- random_hex(bytes)
    if (!grepl("^0+$", id)) return(id)
  }
}

# Parses a W3C traceparent; NULL when absent or invalid.
parse_traceparent <- function(value, trace_state = "") {
  if (is.null(value) || is.na(value) || !nzchar(value)) return(NULL)
  value <- tolower(trimws(value))
  m <- regmatches(value, regexec("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$", value))[[1]]
  if (length(m) == 0) return(NULL)
  if (m[2] == "ff" || (m[2] == "00" && nzchar(m[6]))) return(NULL)
  if (grepl("^0+$", m[3]) || grepl("^0+$", m[4])) return(NULL)
  list(trace_id = m[3], span_id = m[4], flags = strtoi(m[5], 16L), trace_state = trimws(trace_state),
       remote = TRUE)
}

format_traceparent <- function(ctx) {
  sprintf("00-%s-%s-%02x", ctx$trace_id, ctx$span_id, as.integer(ctx$flags))
}

# Current time as decimal nanoseconds since the epoch (a string: doubles cannot hold it exactly).
now_ns <- function() {
  t <- as.numeric(Sys.time())
  secs <- floor(t)
  micros <- round((t - secs) * 1e6)
  if (micros >= 1e6) { secs <- secs + 1; micros <- 0 }
  paste0(format(secs, scientific = FALSE), sprintf("%06d", as.integer(micros)), "000")
}
