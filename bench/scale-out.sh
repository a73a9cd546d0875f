#!/bin/sh
# Scale-out throughput (docs/benchmarks.md): starts a throwaway redis-server (AOF on, appendfsync everysec) and a
# throwaway PostgreSQL cluster on free loopback ports, runs `QuantPulse.Benchmarks scale-out` against them, and stops
# and removes both. Extra arguments go to the benchmark (e.g. --symbols 200 --ticks-per-symbol 500 --rounds 2).
set -eu
root=$(mktemp -d /tmp/quantpulse-bench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
redis_port=$(free_port)
pg_port=$(free_port)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$root"

redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$root" --save "" --appendonly yes --appendfsync everysec --daemonize no >"$root/redis.log" 2>&1 &
redis_pid=$!
as_pg "$pgbin/initdb" -D "$root/pg" -A trust -U qp -E UTF8 --locale=C --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$root/pg" -l "$root/pg.log" -w -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $root -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
cleanup() {
  as_pg "$pgbin/pg_ctl" -D "$root/pg" -m immediate -w stop >/dev/null 2>&1 || true
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

dotnet run -c Release --project "$(dirname "$0")/../tests/QuantPulse.Benchmarks" -- scale-out \
  --redis "127.0.0.1:$redis_port" --postgres "Host=127.0.0.1;Port=$pg_port;Username=qp;Database=postgres" "$@"
