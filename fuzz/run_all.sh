#!/bin/sh
# Runs every target for $1 seconds each, one after another on one core,
# with the limits the issue asks for; logs to fuzz/logs/<target>.log.
# From the repository root: sh fuzz/run_all.sh 150
set -u
cd "$(dirname "$0")/.."
T=${1:-150}
for t in ${TARGETS:-structured json tables atop cow_alliance cow_war states icb icews gdelt1 gdelt2 cameo mid ucdp}; do
  cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- \
    -rss_limit_mb=2048 -timeout=10 -max_total_time="$T" -print_final_stats=1 \
    > "fuzz/logs/$t.log" 2>&1
  echo "$t exit $?" >> fuzz/logs/summary.txt
done
