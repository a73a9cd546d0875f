#!/usr/bin/env bash
# Whole-process timings of `quantpulse indicators` (EMA 20 + RSI 14 on 1 M bars from CSV) and `quantpulse backtest`
# (ema-rsi on 1m candles, 2 M ticks, SQLite), the speed issue's two CLI targets.
# Usage: bench/cli-speed.sh [RUNS] [BASELINE]   (defaults: 6 runs; no baseline)
# Publishes the CLI as it ships (Release, Native AOT for this machine: gcc is needed, docs/cli.md), generates the inputs with
# `quantpulse simulate` (4 M ticks of one symbol, one per 15 s, turned into 1 M one-minute bars by `quantpulse
# candles`; 2 M ticks of two symbols, seed 42), then runs each command RUNS times and prints wall and user CPU per
# run and the best wall. Given a BASELINE (another build: a native quantpulse or a quantpulse.dll), runs it alternately with this one
# on the same inputs, checks that both write the same bytes, and prints both.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-6}
BASE=${2:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dotnet publish samples/QuantPulse.Cli -c Release --use-current-runtime -v q -nologo -o "$WORK/cli" >/dev/null
CLI="$WORK/cli/quantpulse"

# Runs a build of the CLI: a native executable as it is, a quantpulse.dll through the dotnet host.
cli() { case "$1" in *.dll) dotnet "$@" ;; *) "$@" ;; esac; }
cli "$CLI" simulate --symbols SIM_A --seed 7 --ticks 4000000 --interval 15s --output "$WORK/bar-ticks.csv" >/dev/null
cli "$CLI" candles --input "$WORK/bar-ticks.csv" --timeframe 1m --output "$WORK/bars.csv" >/dev/null
rm "$WORK/bar-ticks.csv"
cli "$CLI" simulate --symbols SIM_A,SIM_B --seed 42 --ticks 1000000 --output "$WORK/ticks.csv" >/dev/null

# Runs one command of a build (its path first); prints "wall user" in seconds.
timed() {
  local host=()
  case "$1" in *.dll) host=(dotnet) ;; esac
  /usr/bin/time -f "%e %U" -o "$WORK/time" "${host[@]}" "$@" >/dev/null 2>&1; cat "$WORK/time"
}
indicators() { timed "$1" indicators --input "$WORK/bars.csv" --ema 20 --rsi 14 --output "$WORK/$2-indicators.csv"; }
backtest() {
  rm -f "$WORK/$2.db" "$WORK/$2.db-wal" "$WORK/$2.db-shm"
  timed "$1" backtest --input "$WORK/ticks.csv" --strategy ema-rsi --timeframe 1m --db "sqlite:$WORK/$2.db" --output "$WORK/$2-trades.csv"
}

best() { sort -n | head -1; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for command in indicators backtest; do
  : >"$WORK/new.$command"; : >"$WORK/base.$command"
  for i in $(seq 1 "$RUNS"); do
    read -r wall user < <($command "$CLI" new)
    echo "$wall" >>"$WORK/new.$command"
    line="run $i: $command wall $wall s, user $user s"
    if [ -n "$BASE" ]; then
      read -r bwall buser < <($command "$BASE" base)
      echo "$bwall" >>"$WORK/base.$command"
      output=$([ "$command" = indicators ] && echo indicators || echo trades)
      cmp -s "$WORK/new-$output.csv" "$WORK/base-$output.csv" || { echo "$command: the two builds wrote different output" >&2; exit 1; }
      line="$line; baseline wall $bwall s, user $buser s"
    fi
    echo "$line"
  done
  summary="best of $RUNS: $command $(best <"$WORK/new.$command") s"
  [ -n "$BASE" ] && summary="$summary, baseline $(best <"$WORK/base.$command") s"
  [ "$command" = indicators ] && summary="$summary ($(best <"$WORK/new.$command" | awk '{ printf "%.2f", 1 / $1 }') M bars/s)"
  echo "$summary"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
