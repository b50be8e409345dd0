#!/bin/sh
# Like run_runs.sh, but several copies share one list: each copy takes the
# next target nobody has claimed (mkdir is atomic), so two copies on a
# 2-core machine keep both cores busy however long each target takes.
# From the repository root, once per core:
#   TARGETS="a b c" sh fuzz/run_queue.sh 10000000 2048 &
set -u
cd "$(dirname "$0")/.."
N=${1:-10000000}
L=${2:-2048}
mkdir -p fuzz/logs/claims
for t in ${TARGETS:-json states cameo gdelt1 gdelt2 mid ucdp cow_alliance icews cow_war icb tables atop structured}; do
  mkdir "fuzz/logs/claims/$t" 2>/dev/null || continue
  echo "$t start $(git rev-parse --short HEAD) $(date -u +%H:%M:%S)" >> fuzz/logs/runs_summary.txt
  cargo +nightly fuzz run -O -s none "$t" "fuzz/corpus/$t" -- \
    -rss_limit_mb=2048 -timeout=10 -runs="$N" -max_len="$L" -print_final_stats=1 \
    > "fuzz/logs/$t.runs.log" 2>&1
  echo "$t exit $? $(date -u +%H:%M:%S)" >> fuzz/logs/runs_summary.txt
done
