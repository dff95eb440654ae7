#!/usr/bin/env bash
# The runs of docs/benchmarks.md "Before and after, side by side" and docs/reliability.md "Results", in the order they ran
# (session2.sh, then faults.sh, then session3.sh; this machine, 2026-12-04). B = a worktree at f22a24b, A = one at 3269816, both built Release.

# ---- session2.sh
# Session 2 (2026-12-04 ~19:30 UTC): before (f22a24b, /work/baseline) and after (merged main, /work/bench-after), same commands, one after the other.
set -u
R=/work/bench/results/s2; B=/work/baseline; A=/work/bench-after; cd /work/bench
L=$R/runs.log
t() { echo "== $1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L; }
lt() { local root=$1; shift; dotnet $root/tests/Tiketi.LoadTest/bin/Release/net10.0/Tiketi.LoadTest.dll "$@"; }
t "pg rush before"; LT=$B ./cluster-rush.sh $B $R/before-pg-rush-2k.json --seats 2000 --buyers 10000 > $R/before-pg-rush-2k.log 2>&1
t "pg rush after";  ./cluster-rush.sh $A $R/after-pg-rush-2k.json --seats 2000 --buyers 10000 > $R/after-pg-rush-2k.log 2>&1
t "inproc rush before"; lt $B rush --target inproc --seats 2000 --buyers 10000 --out $R/before-inproc-rush-2k.json > $R/before-inproc-rush-2k.log 2>&1
t "inproc rush after";  lt $A rush --target inproc --seats 2000 --buyers 10000 --out $R/after-inproc-rush-2k.json > $R/after-inproc-rush-2k.log 2>&1
t "flood 200k before"; lt $B queue-flood --target inproc --joins 200000 --reads 20000 --concurrency 512 --duration-limit 6m --out $R/before-flood-200k.json > $R/before-flood-200k.log 2>&1
t "flood 200k after";  lt $A queue-flood --target inproc --joins 200000 --reads 20000 --concurrency 512 --out $R/after-flood-200k.json > $R/after-flood-200k.log 2>&1
t "flood 1m after";    lt $A queue-flood --target inproc --joins 1000000 --reads 100000 --concurrency 512 --reactivate --out $R/after-flood-1m.json > $R/after-flood-1m.log 2>&1
t "block after"; lt $A block --seats 1000 --callers 64 --quantity 2 --cycle confirm --warm-up 2s --duration 10s --out $R/after-block.json > $R/after-block.log 2>&1
cd $A
for f in kill-silo stop-silo pg-restart pg-stop; do
  t "fault $f"; FAULT_PORT_BASE=670 deploy/faults/run-fault.sh $f --at 20s --out $R/fault-$f.json -- --seats 2000 --buyers 6000 --concurrency 256 > $R/fault-$f.log 2>&1
done
t "fault kill-api"; FAULT_PORT_BASE=670 deploy/faults/run-fault.sh kill-api --at 20s --target http --out $R/fault-kill-api.json -- --seats 600 --buyers 300 --concurrency 128 > $R/fault-kill-api.log 2>&1
t done

# ---- faults.sh
# Faults mid-sale: admissions throttled (200/s) so 5,000 seats sell over ~10 s and the fault lands at 6 s, mid-sale.
set -u
R=/work/bench/results/s2; A=/work/bench-after; L=$R/runs.log; cd $A
t() { echo "== $1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L; }
ARGS=(--seats 5000 --buyers 8000 --admit-rate 200 --concurrency 256)
for f in none kill-silo stop-silo pg-restart pg-stop; do
  t "fault $f"; FAULT_PORT_BASE=670 deploy/faults/run-fault.sh $f --at 6s --out $R/fault-$f.json -- "${ARGS[@]}" > $R/fault-$f.log 2>&1
done
t "fault kill-api"; FAULT_PORT_BASE=670 deploy/faults/run-fault.sh kill-api --at 6s --target http --out $R/fault-kill-api.json -- --seats 1000 --buyers 400 --admit-rate 40 --concurrency 128 > $R/fault-kill-api.log 2>&1
t "faults done"
/work/bench/session3.sh

# ---- session3.sh
set -u
R=/work/bench/results/s2; B=/work/baseline; A=/work/bench-after; cd /work/bench
L=$R/runs.log
t() { echo "== $1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $L; }
t "pg flood 200k before"; SCENARIO=queue-flood LT=$B ./cluster-run.sh $B $R/before-pg-flood-200k.json --joins 200000 --reads 20000 --concurrency 2048 --duration-limit 4m > $R/before-pg-flood-200k.log 2>&1
t "pg flood 200k after";  SCENARIO=queue-flood ./cluster-run.sh $A $R/after-pg-flood-200k.json --joins 200000 --reads 20000 --concurrency 2048 > $R/after-pg-flood-200k.log 2>&1
t "pg flood 1m after";    SCENARIO=queue-flood ./cluster-run.sh $A $R/after-pg-flood-1m.json --joins 1000000 --reads 100000 --concurrency 2048 --reactivate --duration-limit 10m > $R/after-pg-flood-1m.log 2>&1
lt() { local root=$1; shift; dotnet $root/tests/Tiketi.LoadTest/bin/Release/net10.0/Tiketi.LoadTest.dll "$@"; }
t "inproc rush 10k before"; lt $B rush --target inproc --seats 10000 --buyers 50000 --duration-limit 8m --out $R/before-inproc-rush-10k.json > $R/before-inproc-rush-10k.log 2>&1
t "inproc rush 10k after";  lt $A rush --target inproc --seats 10000 --buyers 50000 --duration-limit 8m --out $R/after-inproc-rush-10k.json > $R/after-inproc-rush-10k.log 2>&1
t done3
