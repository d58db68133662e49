# Settings read from the environment when the package loads (same variables as the Python client).

env_value <- function(name) {
  value <- trimws(Sys.getenv(name, ""))
  if (nzchar(value)) value else NULL
}

env_number <- function(name, default, minimum) {
  raw <- env_value(name)
  if (is.null(raw)) return(default)
  value <- suppressWarnings(as.numeric(raw))
  if (is.na(value) || value < minimum) {
    internal_warning(sprintf("pipelens: ignoring %s=%s: expected a number >= %s; using %s",
                             name, raw, minimum, default))
    return(default)
  }
  value
}

env_url <- function(name, raw, default) {
  if (is.null(raw)) return(default)
  if (!grepl("^https?://[^/:]+", raw) && !grepl("^https?://\\[", raw)) {
    internal_warning(sprintf("pipelens: ignoring %s=%s: expected an http(s) URL such as %s", name, raw, default))
    return(default)
  }
  sub("/+$", "", raw)
}

default_api_endpoint <- function(endpoint) {
  sub("^(https?://(\\[[^]]+\\]|[^/:]+))(:[0-9]+)?.*$", "\\1:8080", endpoint)
}

default_spool_dir <- function() {
  base <- env_value("XDG_CACHE_HOME")
  if (is.null(base)) base <- file.path(path.expand("~"), ".cache")
  file.path(base, "pipelens", "spool")
}

parse_resource_attributes <- function(raw) {
  out <- list()
  if (is.null(raw)) return(out)
  for (member in strsplit(raw, ",", fixed = TRUE)[[1]]) {
    pos <- regexpr("=", member, fixed = TRUE)
    key <- if (pos > 0) trimws(substr(member, 1, pos - 1)) else ""
    if (!nzchar(key)) next
    out[[key]] <- utils::URLdecode(trimws(substring(member, pos + 1)))
  }
  out
}

script_name <- function() {
  args <- commandArgs(trailingOnly = FALSE)
  file <- sub("^--file=", "", args[grepl("^--file=", args)])
  if (length(file) == 0) return("R")
  sub("\\.[Rr]$", "", basename(file[1]))
}

load_config <- function() {
  otlp_raw <- if (!is.null(env_value("PIPELENS_ENDPOINT"))) env_value("PIPELENS_ENDPOINT") else env_value("OTEL_EXPORTER_OTLP_ENDPOINT")
  otlp_name <- if (!is.null(env_value("PIPELENS_ENDPOINT"))) "PIPELENS_ENDPOINT" else "OTEL_EXPORTER_OTLP_ENDPOINT"
  endpoint <- env_url(otlp_name, otlp_raw, "http://127.0.0.1:4318")
  resource <- parse_resource_attributes(env_value("OTEL_RESOURCE_ATTRIBUTES"))
  service <- env_value("PIPELENS_SERVICE_NAME")
  if (is.null(service)) service <- env_value("OTEL_SERVICE_NAME")
  if (is.null(service)) service <- resource[["service.name"]]
  if (is.null(service)) service <- script_name()
  resource[["service.name"]] <- service
  resource[["telemetry.sdk.language"]] <- "r"
  resource[["telemetry.sdk.name"]] <- "pipelens"
  resource[["telemetry.sdk.version"]] <- as.character(utils::packageVersion("pipelens"))
  resource[["process.pid"]] <- Sys.getpid()
  if (is.null(resource[["host.name"]])) resource[["host.name"]] <- Sys.info()[["nodename"]]
  resource[["process.runtime.name"]] <- "R"
  resource[["process.runtime.version"]] <- paste(R.version$major, R.version$minor, sep = ".")
  spool_dir <- env_value("PIPELENS_SPOOL_DIR")
  list(
    endpoint = endpoint,
    api_endpoint = env_url("PIPELENS_API_ENDPOINT", env_value("PIPELENS_API_ENDPOINT"), default_api_endpoint(endpoint)),
    token = env_value("PIPELENS_TOKEN"),
    spool_dir = if (is.null(spool_dir)) default_spool_dir() else spool_dir,
    spool_max_bytes = env_number("PIPELENS_SPOOL_MAX_BYTES", 64 * 1024 * 1024, 0),
    queue_size = env_number("PIPELENS_QUEUE_SIZE", 2048, 1),
    batch_size = env_number("PIPELENS_BATCH_SIZE", 512, 1),
    export_interval = env_number("PIPELENS_EXPORT_INTERVAL", 5, 0.05),
    timeout = env_number("PIPELENS_EXPORT_TIMEOUT", 3, 0.05),
    exit_timeout = env_number("PIPELENS_EXIT_TIMEOUT", 5, 0),
    max_retries = env_number("PIPELENS_MAX_RETRIES", 3, 0),
    strict = tolower(Sys.getenv("PIPELENS_STRICT", "")) %in% c("1", "true", "yes", "on"),
    resource = resource
  )
}

# Diagnostics from pipelens itself go to stderr once per message and never signal a condition
# the host script could trip over (options(warn = 2) would turn warning() into an error).
internal_warning <- function(message) {
  seen <- .state$warned
  if (!is.null(seen) && message %in% seen) return(invisible())
  .state$warned <- c(seen, message)
  try(cat(message, "\n", sep = "", file = stderr()), silent = TRUE)
  invisible()
}

# Per-call input errors: a warning on stderr by default, an error with PIPELENS_STRICT=1.
misuse <- function(message) {
  if (isTRUE(.state$config$strict)) stop(message, call. = FALSE)
  internal_warning(paste0(message, " (ignored; set PIPELENS_STRICT=1 to raise)"))
  invisible(FALSE)
}
