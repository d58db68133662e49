# Disk spool shared with the Python client: one payload per file named
# <unix-ns>-<pid>-<seq>.<kind>.json; a process claims a file by renaming it before sending.

SPOOL_KINDS <- c("traces", "metrics", "logs", "drift")

spool_put <- function(kind, body) {
  cfg <- .state$config
  bytes <- nchar(body, type = "bytes")
  if (cfg$spool_max_bytes <= 0 || bytes > cfg$spool_max_bytes) return(FALSE)
  dir.create(cfg$spool_dir, recursive = TRUE, showWarnings = FALSE, mode = "0700")
  .state$spool_seq <- .state$spool_seq + 1
  name <- sprintf("%s-%d-%d.%s.json", zero_pad(now_ns(), 20), Sys.getpid(), .state$spool_seq, kind)
  tmp <- file.path(cfg$spool_dir, paste0(".", name, ".tmp"))
  writeBin(charToRaw(enc2utf8(body)), tmp)
  if (!file.rename(tmp, file.path(cfg$spool_dir, name))) return(FALSE)
  spool_enforce_limit()
  TRUE
}

spool_pending <- function() {
  dir <- .state$config$spool_dir
  names <- list.files(dir, all.files = FALSE)
  claims <- names[grepl("\\.sending-[0-9]+$", names)]
  for (claim in claims) {
    path <- file.path(dir, claim)
    age <- as.numeric(difftime(Sys.time(), file.mtime(path), units = "secs"))
    if (!is.na(age) && age > 120) file.rename(path, sub("\\.sending-[0-9]+$", "", path))
  }
  sort(names[grepl(sprintf("^[0-9]+-[0-9]+-[0-9]+\\.(%s)\\.json$", paste(SPOOL_KINDS, collapse = "|")), names)])
}

spool_kind <- function(name) sub("^.*\\.([a-z]+)\\.json$", "\\1", name)

spool_claim <- function(name) {
  source <- file.path(.state$config$spool_dir, name)
  claimed <- paste0(source, ".sending-", Sys.getpid())
  if (!suppressWarnings(file.rename(source, claimed))) return(NULL)
  body <- rawToChar(readBin(claimed, "raw", file.size(claimed)))
  list(path = claimed, kind = spool_kind(name), body = body)
}

spool_enforce_limit <- function() {
  dir <- .state$config$spool_dir
  files <- spool_pending()
  sizes <- file.size(file.path(dir, files))
  total <- sum(sizes, na.rm = TRUE)
  for (i in seq_along(files)) {
    if (total <= .state$config$spool_max_bytes) break
    if (file.remove(file.path(dir, files[i]))) .state$stats[["evicted_spool"]] <- stat(.state$stats, "evicted_spool") + 1
    total <- total - sizes[i]
  }
}

zero_pad <- function(digits, width) paste0(strrep("0", max(0, width - nchar(digits))), digits)
