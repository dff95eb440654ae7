#!/usr/bin/env bash
# Measures what one fault costs buyers in the middle of a rush (issue #17): starts a throwaway PostgreSQL,
# three silos and (for --target http) two API hosts from the Release build, runs the load tool's rush
# with the fault command at the chosen second, and leaves the result file and every process's log in
# the work folder. Everything it starts is stopped again on exit.
#
#   deploy/faults/run-fault.sh <fault> [--at 15s] [--target silo|http] [--out FILE] [-- extra load tool options]
#
#   fault: none | kill-silo (SIGKILL one of 3) | stop-silo (SIGTERM one of 3) | pg-restart (pg_ctl restart -m fast)
#          | pg-stop (PostgreSQL stopped for 20 s) | kill-api (SIGKILL one of 2 API hosts; --target http)
#
# Build first: dotnet build Tiketi.sln -c Release. Ports: FAULT_PORT_BASE (default 670) gives PostgreSQL
# 5<base>, silos 11<base>+i, gateways 30<base>+i, metrics 9<base>+i, API hosts 5<base+100>+i.
set -euo pipefail

fault="${1:?name a fault: none kill-silo stop-silo pg-restart pg-stop kill-api}"; shift
at="15s"; target="silo"; out=""; extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --at) at="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/../.." && pwd)"
base="${FAULT_PORT_BASE:-670}"
pg_port="5${base}"
work="$(mktemp -d /tmp/tiketi-fault-XXXXXX)"
out="${out:-$work/result.json}"
silo_dll="$repo/Tiketi.Silo/bin/Release/net10.0/Tiketi.Silo.dll"
api_dll="$repo/Tiketi.Api/bin/Release/net10.0/Tiketi.Api.dll"
tool_dll="$repo/tests/Tiketi.LoadTest/bin/Release/net10.0/Tiketi.LoadTest.dll"
for dll in "$silo_dll" "$api_dll" "$tool_dll"; do
  [[ -f "$dll" ]] || { echo "missing $dll: run dotnet build Tiketi.sln -c Release" >&2; exit 2; }
done

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pg_bin/pg_ctl" ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 2; }
as_pg=(); [[ "$(id -u)" == 0 ]] && { chown -R postgres:postgres "$work"; as_pg=(runuser -u postgres --); }
pgdata="$work/pg"
pg_ctl() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" "$@"; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  pg_ctl stop -m immediate >/dev/null 2>&1 || true
  echo "logs and result: $work"
}
trap cleanup EXIT

"${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C >/dev/null
pg_ctl start -w -l "$work/postgres.log" -o "-p $pg_port -h 127.0.0.1 -k $work -c max_connections=300" >/dev/null

# Fresh random secrets per run: the hosts run as Production, which refuses weak or placeholder secrets
# (the database password too; this throwaway server trusts loopback and ignores it).
secret() { head -c 32 /dev/urandom | base64 | tr -d '\n/+='; }
admin_password="$(secret)"
export ConnectionStrings__Tiketi="Host=127.0.0.1;Port=$pg_port;Database=tiketi;Username=postgres;Password=$(secret)"
export Sale__PassSigningKey="$(secret)"
export Sale__TicketSigningKey="$(secret)"
export Auth__SigningKey="$(secret)"
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production Logging__Format=text
dotnet "$silo_dll" migrate >"$work/migrate.log"

start_silo() { # index
  local i="$1"
  Orleans__SiloPort="11$((base + i))" Orleans__GatewayPort="30$((base + i))" Metrics__Port="9$((base + i))" Metrics__Host=127.0.0.1 \
    Tiketi__MigrateOnStart=false dotnet "$silo_dll" >"$work/silo$i.log" 2>&1 &
  pids+=("$!"); echo "$!" >"$work/silo$i.pid"
}
start_api() { # index
  local i="$1"
  # Staging: every production check (secrets, limits) but no redirect to HTTPS, which a load balancer ends.
  ASPNETCORE_URLS="http://127.0.0.1:5$((base + 100 + i))" Metrics__Port=0 ASPNETCORE_ENVIRONMENT=Staging DOTNET_ENVIRONMENT=Staging \
    Auth__AdminEmail=admin@fault.tiketi.test Auth__AdminPassword="$admin_password" \
    Security__AccountRequestsPerMinute=1000000 Security__AccountBurst=1000000 Security__AnonymousRequestsPerMinute=1000000 \
    Security__SignInRequestsPerMinute=1000000 Security__SaleActionsPerMinute=10000 Security__QueuePollsPerMinute=10000 \
    Security__MacroPollsPerMinute=100000 Security__FailedLoginsPerWindow=100000 \
    dotnet "$api_dll" >"$work/api$i.log" 2>&1 &
  pids+=("$!"); echo "$!" >"$work/api$i.pid"
}
wait_for() { # file pattern seconds
  for _ in $(seq "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done
  echo "timed out waiting for '$2' in $1" >&2; tail -20 "$1" >&2; exit 1
}

for i in 1 2 3; do start_silo "$i"; done
for i in 1 2 3; do wait_for "$work/silo$i.log" "Application started" 120; done
urls=()
if [[ "$target" == http ]]; then
  for i in 1 2; do start_api "$i"; urls+=(--url "http://127.0.0.1:5$((base + 100 + i))"); done
  for i in 1 2; do
    for _ in $(seq 120); do curl -fs "http://127.0.0.1:5$((base + 100 + i))/health/ready" >/dev/null && break; sleep 1; done
  done
fi

case "$fault" in
  none) command="true" ;;
  kill-silo) command="kill -KILL $(cat "$work/silo2.pid")" ;;
  stop-silo) command="kill -TERM $(cat "$work/silo2.pid")" ;;
  pg-restart) command="${as_pg[*]} $pg_bin/pg_ctl -D $pgdata restart -m fast -w -l $work/postgres.log -o '-p $pg_port -h 127.0.0.1 -k $work -c max_connections=300' >/dev/null" ;;
  pg-stop) command="${as_pg[*]} $pg_bin/pg_ctl -D $pgdata stop -m fast -w >/dev/null; sleep 20; ${as_pg[*]} $pg_bin/pg_ctl -D $pgdata start -w -l $work/postgres.log -o '-p $pg_port -h 127.0.0.1 -k $work -c max_connections=300' >/dev/null" ;;
  kill-api) [[ "$target" == http ]] || { echo "kill-api needs --target http" >&2; exit 2; }
            command="kill -KILL $(cat "$work/api2.pid")" ;;
  *) echo "unknown fault $fault" >&2; exit 2 ;;
esac

if [[ "$target" == http ]]; then
  target_args=(--target http "${urls[@]}" --admin-email admin@fault.tiketi.test --admin-password "$admin_password" --postgres "$ConnectionStrings__Tiketi")
else
  target_args=(--target silo --postgres "$ConnectionStrings__Tiketi")
fi
echo "fault $fault at $at, target $target; work folder $work"
uptime
set +e
dotnet "$tool_dll" rush "${target_args[@]}" --fault "$command" --fault-at "$at" --out "$out" "${extra[@]}"
code=$?
set -e
uptime
exit "$code"
