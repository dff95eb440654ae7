#!/usr/bin/env bash
# Seat marks (19e637b) vs before (c90e14c): one seat block in-process, alternated to share the noise.
set -u
R=/work/bench/results/s3; B=/work/bench-after; A=/work/main; L=$R/runs.log
t() { echo "== $1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L; }
lt() { local root=$1; shift; dotnet $root/tests/Tiketi.LoadTest/bin/Release/net10.0/Tiketi.LoadTest.dll "$@"; }
for i in 1 2; do
  t "block before $i"; lt $B block --seats 1000 --callers 64 --quantity 2 --cycle confirm --warm-up 2s --duration 10s --out $R/before-block-$i.json > $R/before-block-$i.log 2>&1
  t "block after $i";  lt $A block --seats 1000 --callers 64 --quantity 2 --cycle confirm --warm-up 2s --duration 10s --out $R/after-block-$i.json > $R/after-block-$i.log 2>&1
done
t done
