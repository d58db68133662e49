# Point the client at a closed port and a temporary spool before it loads its configuration.
Sys.setenv(PIPELENS_ENDPOINT = "http://127.0.0.1:9", PIPELENS_SPOOL_DIR = file.path(tempdir(), "spool"),
           PIPELENS_EXIT_TIMEOUT = "0", PIPELENS_MAX_RETRIES = "0")
library(testthat)
library(pipelens)
test_check("pipelens")
