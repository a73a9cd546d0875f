#!/usr/bin/env bash
# Whole-process comparison of `quantpulse candles` with the pandas equivalent (read_csv + resample().ohlc()).
# Usage: bench/compare-pandas.sh [TICKS_PER_SYMBOL] [RUNS]   (defaults: 1000000 per symbol = 2 M ticks, 6 runs)
# Publishes the CLI as it ships (Release, Native AOT for this machine: gcc is needed, docs/cli.md), generates the input with `quantpulse simulate` (2 symbols, seed 42), then runs the two
# alternately and prints each run, the best of each and the ratio. Installs Debian's python3-pandas when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
TICKS=${1:-1000000}
RUNS=${2:-6}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Debian's interpreter, where python3-pandas installs (a python3 earlier on PATH may be another one).
PY=/usr/bin/python3
if ! "$PY" -c 'import pandas' 2>/dev/null; then
  echo "installing python3-pandas" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q python3-pandas >/dev/null; else sudo apt-get install -y -q python3-pandas >/dev/null; fi
fi

dotnet publish samples/QuantPulse.Cli -c Release --use-current-runtime -v q -nologo -o "$WORK/cli" >/dev/null
CLI="$WORK/cli/quantpulse"
"$CLI" simulate --symbols SIM_A,SIM_B --seed 42 --ticks "$TICKS" --output "$WORK/ticks.csv" >/dev/null

cat > "$WORK/candles.py" <<'PY'
import sys
import pandas as pd
ticks = pd.read_csv(sys.argv[1], parse_dates=["time"], infer_datetime_format=True, index_col="time")
out = []
for tf, rule in (("1m", "1min"), ("5m", "5min"), ("15m", "15min")):
    for symbol, g in ticks.groupby("symbol", sort=True):
        bars = g["price"].resample(rule).ohlc().dropna()
        bars["volume"] = g["size"].resample(rule).sum()
        bars["ticks"] = g["price"].resample(rule).count()
        bars = bars[bars["ticks"] > 0]
        bars.insert(0, "timeframe", tf)
        bars.insert(0, "symbol", symbol)
        out.append(bars)
pd.concat(out).to_csv(sys.argv[2])
PY

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
best_q=999; best_p=999
for i in $(seq 1 "$RUNS"); do
  q=$(seconds "$CLI" candles --input "$WORK/ticks.csv" --timeframe 1m,5m,15m --output "$WORK/q.csv")
  p=$(seconds "$PY" "$WORK/candles.py" "$WORK/ticks.csv" "$WORK/p.csv")
  printf 'run %d: quantpulse %.3f s, pandas %.3f s\n' "$i" "$q" "$p"
  best_q=$(echo "if ($q < $best_q) $q else $best_q" | bc -l)
  best_p=$(echo "if ($p < $best_p) $p else $best_p" | bc -l)
done
printf 'best of %d, %d ticks: quantpulse %.3f s, pandas %.3f s, ratio %.2fx\n' "$RUNS" "$((TICKS * 2))" "$best_q" "$best_p" "$(echo "$best_p / $best_q" | bc -l)"
