# Retraining run started by the collector's drift retraining policy (a `command` action):
#   Rscript retrain.R OUTPUT_DIR
# The collector passes PIPELENS_MODEL, PIPELENS_MODEL_VERSION, PIPELENS_DRIFT_REASON (JSON),
# PIPELENS_VERSION_FILE and TRACEPARENT: this run joins the trigger's trace. The "training" refits
# nothing (the example's model is fixed); it records why it ran, writes the new version's model
# file and announces the new version through PIPELENS_VERSION_FILE.
library(pipelens)
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript retrain.R OUTPUT_DIR")
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1])))
source(file.path(here, "model.R"))

model <- Sys.getenv("PIPELENS_MODEL", MODEL_NAME)
old_version <- Sys.getenv("PIPELENS_MODEL_VERSION", MODEL_VERSION)
reason <- jsonlite::fromJSON(Sys.getenv("PIPELENS_DRIFT_REASON", "{}"), simplifyVector = FALSE)
new_version <- as.character(suppressWarnings(as.integer(old_version)) + 1L)
if (is.na(new_version)) new_version <- paste0(old_version, "-retrained")

with_span("retrain", attributes = list(model = model, from_version = old_version, to_version = new_version,
                                       cause = paste(unlist(reason$cause), collapse = ",")), {
  dir.create(args[1], showWarnings = FALSE, recursive = TRUE)
  out <- file.path(args[1], sprintf("%s-%s.json", model, new_version))
  jsonlite::write_json(list(model = model, version = new_version, retrained_from = old_version,
                            coefficients = as.list(COEF), reason = reason), out, auto_unbox = TRUE, pretty = TRUE)
  version_file <- Sys.getenv("PIPELENS_VERSION_FILE", "")
  if (nzchar(version_file)) writeLines(new_version, version_file)
  cat(sprintf("retrained %s %s -> %s: %s\n", model, old_version, new_version, out))
})
