#!/bin/sh
# Seeds each target's corpus (fuzz/corpus/<target>/, not committed) from the
# bundled data files in ../data, cut to their first 200 lines so that each
# seed is small; run from the repository root: sh fuzz/seed.sh
set -eu
cd "$(dirname "$0")"
D=../data
seed() { # target file...
  t=$1; shift
  mkdir -p corpus/$t
  for f in "$@"; do
    head -n 200 "$f" > "corpus/$t/$(basename "$f").head"
    head -n 12 "$f" > "corpus/$t/$(basename "$f").short"
  done
}
seed json $D/examples/sample.timeline.json
seed atop $D/atop-5.1/atop5_1m.csv
seed cow_alliance $D/cow-alliance-4.1/cow_alliance_dyad_year.csv
seed cow_war $D/cow-war-4.0/Inter-StateWarData_v4.0.csv
seed states $D/cow-war-4.0/system2016.csv
seed icb $D/icb-13/icb2v13.csv
seed icews $D/icews/events.2018.sample.tab
seed gdelt1 $D/gdelt/gdelt1_sample_events_20160728.tsv
seed gdelt2 $D/gdelt/gdelt2_synthetic.csv
seed cameo $D/cameo/CAMEO.goldsteinscale.txt $D/cameo/cameo-codes.csv
seed mid $D/peacesciencer/gml_part.csv
seed ucdp $D/peacesciencer/ucdp_acd.csv
# The five tables, joined by 0xFF bytes (see `tables` in the entry module).
mkdir -p corpus/tables
cp seeds/tables/* corpus/tables/ 2>/dev/null || true
# The structured target starts from random bytes.
mkdir -p corpus/structured
head -c 4096 /dev/urandom > corpus/structured/random
