# Batch scoring: features CSV -> predictions CSV. Started by the scheduler as a subprocess
# (`Rscript score.R features.csv predictions.csv`); continues its trace from TRACEPARENT.
library(pipelens)
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript score.R features.csv predictions.csv")
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1])))
source(file.path(here, "model.R"))

with_span("score-batch", attributes = list(model = MODEL_NAME, model_version = MODEL_VERSION), {
  features <- read.csv(args[1], stringsAsFactors = FALSE)
  churn <- score_table(features)
  write.csv(data.frame(customer_id = features$customer_id, churn = churn), args[2], row.names = FALSE)
  log_for_drift(features, churn)
  set_attribute("rows", nrow(features))
  cat(sprintf("score-batch: %d rows -> %s\n", nrow(features), args[2]))
})
