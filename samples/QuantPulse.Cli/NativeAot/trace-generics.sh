#!/usr/bin/env bash
# Regenerates storage.rd.xml: the generic instantiations over value types that linq2db asks for at run time on the
# back-test's SQLite and PostgreSQL paths, which a Native AOT build must compile ahead of time.
# Usage: samples/QuantPulse.Cli/NativeAot/trace-generics.sh POSTGRES_CONNECTION_STRING
#   (an empty database the user may create tables in; it is written to by two back-test runs)
# Runs the JIT build of the CLI with the runtime's type-load events recorded (EventPipe, no tool needed): a back-test
# into a new SQLite file and again into the same file, the same twice into PostgreSQL; then keeps the closed generic
# types that involve a value type and are built at run time (Func, Action, Nullable, Expression<T>, linq2db's own).
set -euo pipefail
cd "$(dirname "$0")/../../.."
PG=${1:?usage: $0 POSTGRES_CONNECTION_STRING}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dotnet build samples/QuantPulse.Cli -c Release -v q -nologo >/dev/null
CLI=samples/QuantPulse.Cli/bin/Release/net10.0/quantpulse.dll
dotnet "$CLI" simulate --symbols SIM_A,SIM_B --seed 42 --ticks 20000 --output "$WORK/ticks.csv" >/dev/null

run=0
for db in "sqlite:$WORK/trace.db" "sqlite:$WORK/trace.db" "postgres:$PG" "postgres:$PG"; do
  run=$((run + 1))
  DOTNET_EnableEventPipe=1 DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x8000000008:5' \
    DOTNET_EventPipeOutputPath="$WORK/run$run.nettrace" \
    dotnet "$CLI" backtest --input "$WORK/ticks.csv" --strategy ema-rsi --timeframe 1m --db "$db" --output "$WORK/trades.csv" >/dev/null
  # Type names are UTF-16 strings in the trace's event payloads.
  strings -e l -n 6 "$WORK/run$run.nettrace" >>"$WORK/names"
done

sort -u "$WORK/names" | python3 samples/QuantPulse.Cli/NativeAot/generate-rd-xml.py >samples/QuantPulse.Cli/NativeAot/storage.rd.xml
echo "wrote samples/QuantPulse.Cli/NativeAot/storage.rd.xml: $(grep -c '<Type ' samples/QuantPulse.Cli/NativeAot/storage.rd.xml) types"
