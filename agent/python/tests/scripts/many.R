library(pipelens)
n <- as.integer(commandArgs(trailingOnly = TRUE)[1])
for (i in seq_len(n)) with_span(paste0("r", i), NULL)
