#!/bin/sh
# Prints, per target log in fuzz/logs/, the executions, final coverage
# (cov/ft), peak RSS and any crash/timeout/OOM line: the table in README.md.
cd "$(dirname "$0")"
for f in logs/*.log; do
  t=$(basename "$f" .log)
  execs=$(grep -h "stat::number_of_executed_units" "$f" | tail -1 | awk '{print $2}')
  rss=$(grep -h "stat::peak_rss_mb" "$f" | tail -1 | awk '{print $2}')
  last=$(grep -E "^#[0-9]+" "$f" | tail -1)
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  bad=$(grep -hoE "ERROR: libFuzzer: [a-z -]+|Test unit written to [^ ]+" "$f" | tr '\n' ' ')
  echo "| $t | ${execs:-?} | ${cov:-?} / ${ft:-?} | ${rss:-?} MB | ${bad:-none} |"
done
