#!/usr/bin/env bash
# Usage: cluster-rush.sh <repo-root-with-Release-build> <out.json> [load-tool args...]
# Starts a throwaway PostgreSQL (port 5590), migrates, starts 2 silos, runs a silo-direct rush with the
# given args, snapshots pg_stat before/after, prints per-paid-order costs, stops everything.
set -uo pipefail
ROOT=$(cd "$1" && pwd); OUT=$2; shift 2
PGB=/usr/lib/postgresql/15/bin; D=/tmp/bench-pg; PORT=${BENCH_PG_PORT:-5590}
[ -f /tmp/bench-pids ] && kill -9 $(cat /tmp/bench-pids) 2>/dev/null; sleep 1
runuser -u postgres -- $PGB/pg_ctl stop -D $D/data -m immediate >/dev/null 2>&1
rm -rf $D; mkdir -p $D; chown postgres $D
runuser -u postgres -- $PGB/initdb -D $D/data -U postgres -A trust -E UTF8 --locale=C >/dev/null
runuser -u postgres -- $PGB/pg_ctl start -D $D/data -l $D/pg.log -w -o "-p $PORT -h 127.0.0.1 -k $D -c max_connections=300 -c shared_buffers=512MB" >/dev/null
PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=tiketi_load"
ConnectionStrings__Tiketi="$PG" dotnet $ROOT/Tiketi.Silo/bin/Release/net10.0/Tiketi.Silo.dll migrate
pids=()
for n in 1 2; do
  ConnectionStrings__Tiketi="$PG;Maximum Pool Size=100" Orleans__ClusterId=tiketi-load Orleans__ServiceId=tiketi-load \
  Orleans__SiloPort=$((11590+n)) Orleans__GatewayPort=$((30590+n)) Metrics__Host=127.0.0.1 Metrics__Port=$((9590+n)) \
  Sale__PassSigningKey=load-test-pass-key-0123456789abcdef0123456789 \
  Sale__TicketSigningKey=load-test-ticket-key-0123456789abcdef012345678 \
  DOTNET_ENVIRONMENT=Development dotnet $ROOT/Tiketi.Silo/bin/Release/net10.0/Tiketi.Silo.dll > $D/silo$n.log 2>&1 &
  pids+=($!)
done
echo "${pids[@]}" > /tmp/bench-pids; sleep 12
q() { psql -h 127.0.0.1 -p $PORT -U postgres -d tiketi_load -Atc "$1"; }
snap() {
  q "select xact_commit, (select coalesce(sum(n_tup_ins),0) from pg_stat_user_tables), (select coalesce(sum(n_tup_upd),0) from pg_stat_user_tables), (select coalesce(sum(n_tup_del),0) from pg_stat_user_tables), pg_database_size('tiketi_load'), pg_wal_lsn_diff(pg_current_wal_lsn(),'0/0') from pg_stat_database where datname='tiketi_load'"
}
sleep 2; B=$(snap); echo "before: $B"; uptime
dotnet ${LT:-$ROOT}/tests/Tiketi.LoadTest/bin/Release/net10.0/Tiketi.LoadTest.dll ${SCENARIO:-rush} --target silo --postgres "$PG" --cluster-id tiketi-load --service-id tiketi-load --out "$OUT" "$@" 2>&1 | tail -45
uptime; sleep 3; A=$(snap); echo "after: $A"
q "select relname, n_tup_ins, n_tup_upd, n_tup_del, pg_total_relation_size(relid) from pg_stat_user_tables order by pg_total_relation_size(relid) desc" > $OUT.tables
python3 - "$OUT" "$B" "$A" <<'PY'
import json,sys
out,b,a=sys.argv[1],[float(x) for x in sys.argv[2].split('|')],[float(x) for x in sys.argv[3].split('|')]
d=json.load(open(out)); ops=d['operations']; ops=ops if isinstance(ops,list) else list(ops.values())
paid=next((o['ok'] for o in ops if o['name']=='checkout'),0)
names=['xact_commit','tup_ins','tup_upd','tup_del','db_bytes','wal_bytes']
delta={n:a[i]-b[i] for i,n in enumerate(names)}
print('paid orders', paid)
for n,v in delta.items(): print(f"{n}: {v:.0f}  per paid order: {v/max(paid,1):.2f}")
d['postgresCostMeasuredByScript']={'paidOrders':paid,**{n:v for n,v in delta.items()},**{n+'PerPaidOrder':v/max(paid,1) for n,v in delta.items()}}
json.dump(d,open(out,'w'),indent=2)
PY
cat $OUT.tables | head -12
kill ${pids[@]} 2>/dev/null; sleep 3; kill -9 ${pids[@]} 2>/dev/null
runuser -u postgres -- $PGB/pg_ctl stop -D $D/data -m fast >/dev/null
