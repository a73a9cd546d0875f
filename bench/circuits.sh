#!/bin/sh
# Dashboard circuits (docs/benchmarks.md): what open dashboard tabs cost the host. Publishes the dashboard in Release,
# starts it on a free loopback port on its embedded offline defaults (the simulated market; Deriv off, its own
# throwaway SQLite file) pinned to CPU 0, and runs the circuit load client `quantpulse-circuits`
# (tests/QuantPulse.CircuitLoad) pinned to CPU 1: N Blazor Server circuits of the market page opened over SignalR the
# way a browser opens them (every render batch acknowledged, every chart JS call answered), nothing drawn. It measures
# the host's CPU time, resident memory, managed heap and the pipeline's ticks/s (from /api/stats) for a window with no
# circuit open, then with the N circuits, prints a summary table and exits 0 only if every circuit stayed live and
# kept rendering. With --browser the N pages are real headless chromium pages instead (`QuantPulse.Benchmarks
# circuits`; on 2 cores chromium cannot open 50). Stops the host and removes its files at the end.
#
# Usage: bench/circuits.sh [--circuits 50] [--seconds 300] [--baseline 120] [--symbols 100] [--tick-interval 00:00:00.010]
#                          [--history 00:00:00] [--path /?tf=1m] [--parallel 5] [--open-timeout 180] [--browser]
#   --symbols 0 keeps the simulated market exactly as configured (SIM_V100 and SIM_V25, one tick a second each, a day
#   of generated history): realistic pages, but 2 ticks/s say nothing about throughput. The default, 100 symbols at
#   10 ms (10,000 ticks/s) with no start-up history, is the load of the feed benchmark.
set -eu
pages=50 seconds=300 baseline=120 symbols=100 interval=00:00:00.010 history=00:00:00 path='/?tf=1m' parallel=5 open_timeout=180
browser=no
while [ $# -gt 0 ]; do
  case "$1" in
    --browser) browser=yes; shift; continue ;;
    --circuits|--pages) pages=$2 ;;
    --seconds) seconds=$2 ;;
    --baseline) baseline=$2 ;;
    --symbols) symbols=$2 ;;
    --tick-interval) interval=$2 ;;
    --history) history=$2 ;;
    --path) path=$2 ;;
    --parallel) parallel=$2 ;;
    --open-timeout) open_timeout=$2 ;;
    *) echo "circuits.sh: unknown option '$1' (see the usage at the top of the script)" >&2; exit 2 ;;
  esac
  [ $# -ge 2 ] || { echo "circuits.sh: $1 needs a value" >&2; exit 2; }
  shift 2
done
[ "$(nproc)" -ge 2 ] || { echo "circuits.sh: needs 2 CPUs to pin the host and the browsers apart (found $(nproc))" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d /tmp/quantpulse-circuits-XXXXXX)
host_pid=
cleanup() {
  if [ -n "$host_pid" ]; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$browser" = yes ]; then harness_project=QuantPulse.Benchmarks harness_dll=QuantPulse.Benchmarks.dll; else harness_project=QuantPulse.CircuitLoad harness_dll=quantpulse-circuits.dll; fi
echo "publishing the dashboard (Release) and building $harness_project …"
dotnet publish -c Release "$repo/src/QuantPulse.Hosts/QuantPulse.Dashboard" -o "$root/host" --nologo -v quiet >"$root/publish.log" 2>&1 \
  || { cat "$root/publish.log" >&2; exit 1; }
dotnet build -c Release "$repo/tests/$harness_project" --nologo -v quiet >"$root/build.log" 2>&1 \
  || { cat "$root/build.log" >&2; exit 1; }
harness=$(ls "$repo"/tests/$harness_project/bin/Release/net*/$harness_dll | head -1)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Embedded defaults (appsettings.json of the published host), offline: the Deriv feed off instead of retrying.
set -- ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_ENVIRONMENT=Production \
  QuantPulse__Sources__Deriv__Enabled=false QuantPulse__Storage__Path="$root/quantpulse.db" \
  QuantPulse__Pipeline__LogCandles=false Logging__LogLevel__Default=Warning
if [ "$symbols" -gt 0 ]; then
  i=0
  while [ "$i" -lt "$symbols" ]; do
    set -- "$@" "QuantPulse__Sources__Simulated__Symbols__$i=$(printf 'SIM_B%03d' "$i")"
    i=$((i + 1))
  done
  set -- "$@" QuantPulse__Sources__Simulated__TickInterval="$interval" QuantPulse__Sources__Simulated__History="$history"
fi
(cd "$root/host" && exec env "$@" taskset -c 0 dotnet QuantPulse.Dashboard.dll) >"$root/host.log" 2>&1 &
host_pid=$!
# `exec` above makes $! the host itself once it started; wait for /health.
i=0
until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -gt 300 ] || ! kill -0 "$host_pid" 2>/dev/null; then
    echo "circuits.sh: the host did not answer /health:" >&2
    tail -20 "$root/host.log" >&2
    exit 1
  fi
  sleep 1
done
echo "host pid $host_pid on 127.0.0.1:$port, CPU $(taskset -pc "$host_pid" | sed 's/.*: //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
if [ "$browser" = yes ]; then
  taskset -c 1 dotnet "$harness" circuits --url "http://127.0.0.1:$port" --pid "$host_pid" --pages "$pages" \
    --baseline "$baseline" --seconds "$seconds" --path "$path" --parallel "$parallel" --open-timeout "$open_timeout" || status=$?
else
  taskset -c 1 dotnet "$harness" --url "http://127.0.0.1:$port" --pid "$host_pid" --circuits "$pages" \
    --baseline "$baseline" --seconds "$seconds" --path "$path" --parallel "$parallel" --open-timeout "$open_timeout" || status=$?
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
