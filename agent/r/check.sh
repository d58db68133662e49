#!/usr/bin/env bash
# Builds the R package and runs R CMD check (testthat included) in a temporary folder.
# Needs: r-base-core r-cran-jsonlite r-cran-curl r-cran-testthat (Debian). Fails on any WARNING/ERROR.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# R CMD check loads the package in many child R processes; each would replay (and report on) the
# user's telemetry spool. Give the check an empty spool of its own and no collector.
export PIPELENS_SPOOL_DIR="$work/spool"
unset PIPELENS_ENDPOINT OTEL_EXPORTER_OTLP_ENDPOINT PIPELENS_API_ENDPOINT
cd "$work"
R CMD build --no-manual "$here" >build.log 2>&1 || { cat build.log; exit 1; }
_R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual pipelens_*.tar.gz >check.log 2>&1 || true
cat check.log
grep -q '^Status: OK' check.log || { grep -q -E '^Status: [0-9]+ NOTEs?$' check.log && ! grep -q -E 'WARNING|ERROR' check.log; }
