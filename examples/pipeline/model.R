# The churn model shared by score.R (batch, subprocess) and scoring_api.R (plumber service).
# A fixed logistic model: the example is about the telemetry, not the statistics.

MODEL_NAME <- "churn"
MODEL_VERSION <- "1"
FEATURES <- c("age", "log_income", "visits", "is_de")
COEF <- c(intercept = 1.5, age = -0.03, log_income = -0.1, visits = -0.25, is_de = 0.4)

malformed_row <- function(row, column, value) {
  structure(class = c("malformedRowError", "error", "condition"), list(
    message = sprintf("malformed row %d: %s '%s' is not a number", row, column, value),
    call = sys.call(-1)))
}

parse_number <- function(value, row, column) {
  number <- suppressWarnings(as.numeric(value))
  if (length(number) != 1 || is.na(number)) stop(malformed_row(row, column, value))
  number
}

score_row <- function(features, row) {
  x <- vapply(FEATURES, function(f) parse_number(features[[f]], row, f), numeric(1))
  z <- COEF[["intercept"]] + sum(COEF[FEATURES] * x)
  1 / (1 + exp(-z))
}

score_table <- function(features) {
  vapply(seq_len(nrow(features)), function(i) score_row(features[i, , drop = FALSE], i), numeric(1))
}

# Model inputs and outputs for drift monitoring (POST /v1/drift/samples through the R client).
log_for_drift <- function(features, churn) {
  columns <- lapply(features[FEATURES], function(v) suppressWarnings(as.numeric(v)))
  pipelens::log_model_samples(MODEL_NAME, MODEL_VERSION, columns, prediction = churn)
}
