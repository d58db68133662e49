# Plumber routes of the scoring service. The caller's trace arrives in the `traceparent` header;
# serve_span() (serve_scoring_api.R) makes it the parent of the request's span.

score_request <- function(req, res) {
  rows <- req$body$rows
  if (is.null(rows) || length(rows) == 0) {
    res$status <- 400
    return(list(error = "body: expected {\"rows\": [...]} with at least one row"))
  }
  # plumber parses JSON with simplification: rows arrive as a data frame (or a list of rows)
  features <- if (is.data.frame(rows)) rows else as.data.frame(do.call(rbind, lapply(rows, function(r) r[FEATURES])))
  missing <- setdiff(FEATURES, names(features))
  if (length(missing) > 0) {
    res$status <- 400
    return(list(error = paste("rows: missing feature(s)", paste(missing, collapse = ", "))))
  }
  features <- features[FEATURES]
  features[] <- lapply(features, function(column) vapply(column, function(v) {
    if (is.null(v) || length(v) == 0) NA_character_ else as.character(v[[1]])
  }, character(1), USE.NAMES = FALSE))
  outcome <- tryCatch(withCallingHandlers(list(churn = score_table(features)), malformedRowError = function(e) {
    # calling handler: sys.calls() still holds the frames that raised it (score_row, parse_number)
    pipelens::record_error(e, calls = sys.calls())
    pipelens::set_status("error", conditionMessage(e))
  }), malformedRowError = function(e) list(error = conditionMessage(e)))
  if (!is.null(outcome$error)) {
    res$status <- 422
    return(outcome)
  }
  log_for_drift(features, outcome$churn)
  pipelens::set_attribute("rows", nrow(features))
  list(churn = I(outcome$churn))
}

#* Scores feature rows: {"rows": [{"age": .., "log_income": .., "visits": .., "is_de": ..}]}
#* @post /score
#* @serializer unboxedJSON
function(req, res) {
  serve_span(req, "POST /score", score_request(req, res))
}

#* @get /health
#* @serializer unboxedJSON
function() list(status = "ok")
