# Model samples for drift monitoring: the JSON body of POST /v1/drift/samples (API port).

sample_values <- function(values, where) {
  if (is.factor(values)) values <- as.character(values)
  if (is.logical(values)) values <- as.integer(values)
  if (!(is.numeric(values) || is.character(values) || (is.list(values) && is.null(names(values))))) {
    stop(sprintf("pipelens: %s must be a vector of numbers or strings, got %s", where, class(values)[1]), call. = FALSE)
  }
  out <- as.list(values)
  for (i in seq_along(out)) {
    v <- out[[i]]
    if (is.null(v) || (length(v) == 1 && is.na(v)) || (is.numeric(v) && length(v) == 1 && !is.finite(v))) {
      out[i] <- list(NULL)
    } else if (length(v) != 1 || !(is.numeric(v) || is.character(v) || is.logical(v))) {
      stop(sprintf("pipelens: %s holds a %s at position %d; expected numbers, strings or NA", where,
                   class(v)[1], i), call. = FALSE)
    } else if (is.logical(v)) {
      out[[i]] <- as.integer(v)
    }
  }
  out
}

drift_body <- function(model, version, columns, prediction = NULL, label = NULL, trace_ids = NULL) {
  if (!is.character(model) || length(model) != 1 || !nzchar(model)) {
    stop("pipelens: model must be a non-empty string", call. = FALSE)
  }
  if (is.null(version) || length(version) != 1 || !nzchar(as.character(version))) {
    stop("pipelens: version must be given (e.g. \"3\")", call. = FALSE)
  }
  if (!is.list(columns) || length(columns) == 0 || is.null(names(columns)) || any(!nzchar(names(columns)))) {
    stop("pipelens: columns must be a data.frame or a named list of equally long vectors", call. = FALSE)
  }
  cols <- lapply(names(columns), function(n) sample_values(columns[[n]], sprintf("column '%s'", n)))
  names(cols) <- names(columns)
  body <- list(model = model, version = as.character(version), timestamp_unix_nano = now_ns(), columns = cols,
               batch_id = random_hex(16)) # re-sends (retry, spool replay) carry it: counted once
  ctx <- current_context()
  if (!is.null(ctx)) body$trace_id <- ctx$trace_id
  if (!is.null(prediction)) body$prediction <- sample_values(prediction, "prediction")
  if (!is.null(label)) body$label <- sample_values(label, "label")
  if (!is.null(trace_ids)) {
    ids <- tolower(as.character(trace_ids))
    if (any(!grepl("^[0-9a-f]{32}$", ids))) stop("pipelens: trace_ids must be 32 hex characters", call. = FALSE)
    body$trace_ids <- as.list(ids)
  }
  lengths <- vapply(c(cols, body[intersect(c("prediction", "label", "trace_ids"), names(body))]), length, integer(1))
  if (length(unique(lengths)) != 1) {
    stop(sprintf("pipelens: all columns, prediction, label and trace_ids need the same length, got %s",
                 paste(names(lengths), lengths, sep = "=", collapse = ", ")), call. = FALSE)
  }
  if (lengths[[1]] == 0) stop("pipelens: model samples are empty (0 rows)", call. = FALSE)
  to_json(body)
}

log_model_samples <- function(model, version, columns, prediction = NULL, label = NULL, trace_ids = NULL) {
  body <- tryCatch(drift_body(model, version, columns, prediction, label, trace_ids),
                   error = function(e) { misuse(conditionMessage(e)); NULL })
  if (is.null(body)) return(invisible(FALSE))
  safely(enqueue("drift", body))
  invisible(TRUE)
}
