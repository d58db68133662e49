#!/usr/bin/env bash
# Builds the R package and runs R CMD check (testthat included) in a temporary folder.
# Needs: r-base-core r-cran-jsonlite r-cran-curl r-cran-testthat (Debian). Fails on any WARNING/ERROR.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
R CMD build --no-manual "$here" >build.log 2>&1 || { cat build.log; exit 1; }
_R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual pipelens_*.tar.gz >check.log 2>&1 || true
cat check.log
grep -q '^Status: OK' check.log || { grep -q -E '^Status: [0-9]+ NOTEs?$' check.log && ! grep -q -E 'WARNING|ERROR' check.log; }
