#!/bin/sh
# Runs every target until it has executed $1 inputs (default 10 million),
# one after another on one core, with the limits the issue asks for and
# without AddressSanitizer (`-s none`: the crate forbids unsafe code, and
# the fuzzer runs 10-25x faster without it); inputs up to $2 bytes
# (default 2048). Logs to fuzz/logs/<target>.runs.log.
# From the repository root: sh fuzz/run_runs.sh 10000000 2048
set -u
cd "$(dirname "$0")/.."
N=${1:-10000000}
L=${2:-2048}
mkdir -p fuzz/logs
for t in ${TARGETS:-json states cameo gdelt1 gdelt2 mid ucdp cow_alliance icews cow_war icb tables atop structured}; do
  cargo +nightly fuzz run -O -s none "$t" "fuzz/corpus/$t" -- \
    -rss_limit_mb=2048 -timeout=10 -runs="$N" -max_len="$L" -print_final_stats=1 \
    > "fuzz/logs/$t.runs.log" 2>&1
  echo "$t exit $? $(date -u +%H:%M:%S)" >> fuzz/logs/runs_summary.txt
done
