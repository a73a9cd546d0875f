#!/usr/bin/env python3
"""Writes indicators.seeded.csv, the fixture of IndicatorFixtureTests.

A seeded random OHLC series (daily candles, prices on a 0.01 grid) and, for each indicator, the expected
value on every candle. The formulas are written out directly from their definitions (windowed sums, two-pass
standard deviations, plain recursions) in 60-digit decimal arithmetic, independently of the C# state
machines, and each value is written as the double nearest to the exact result (Python's shortest repr).
An empty cell means "no value yet" (warm-up) or "undefined" (a z-score or %B of a flat window).

The series has a strictly rising start (RSI with no losses = 100), a flat stretch of identical candles
(zero standard deviation), a gap, and otherwise a random walk with 1.5 % daily volatility.

Standard library only. Run from any directory:  python3 generate_indicators_seeded.py
"""

import csv
import os
import random
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_EVEN, Decimal, getcontext

getcontext().prec = 60

SEED = 20240611
ROWS = 420
FLAT = range(200, 232)
GAP_ROW = 300
CENT = Decimal("0.01")
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "indicators.seeded.csv")


def cents(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_EVEN)


def make_candles():
    rng = random.Random(SEED)
    start = datetime(2021, 1, 4, tzinfo=timezone.utc)
    rows = []
    close = Decimal("100.00")
    for i in range(ROWS):
        if i < 16:
            o = close
            c = o + Decimal(i % 3 + 1) * Decimal("0.25")
            h = c + Decimal("0.10")
            l = o - Decimal("0.05")
        elif i in FLAT:
            o = h = l = c = close
        else:
            gap = Decimal("0.08") if i == GAP_ROW else Decimal(repr(rng.gauss(0, 0.003)))
            o = cents(close * (1 + gap))
            c = cents(o * (1 + Decimal(repr(rng.gauss(0, 0.015)))))
            h = cents(max(o, c) * (1 + abs(Decimal(repr(rng.gauss(0, 0.006))))))
            l = cents(min(o, c) * (1 - abs(Decimal(repr(rng.gauss(0, 0.006))))))
        volume = Decimal(rng.randint(1000, 50000))
        rows.append({"time": start + timedelta(days=i), "open": o, "high": h, "low": l, "close": c, "volume": volume})
        close = c
    return rows


def sma(values, n):
    return [None if i < n - 1 else sum(values[i - n + 1:i + 1]) / n for i in range(len(values))]


def seeded(values, n, step):
    """Mean of the first n defined values, then value = step(previous, x)."""
    out = [None] * len(values)
    defined = [i for i, v in enumerate(values) if v is not None]
    if len(defined) < n:
        return out
    first = defined[n - 1]
    out[first] = sum(values[j] for j in defined[:n]) / n
    for i in defined[n:]:
        out[i] = step(out[i - 1], values[i])
    return out


def ema(values, n):
    k = Decimal(2) / (n + 1)
    return seeded(values, n, lambda prev, x: prev + k * (x - prev))


def smma(values, n):
    return seeded(values, n, lambda prev, x: (prev * (n - 1) + x) / n)


def rsi(closes, n):
    gains = [None] + [max(closes[i] - closes[i - 1], Decimal(0)) for i in range(1, len(closes))]
    losses = [None] + [max(closes[i - 1] - closes[i], Decimal(0)) for i in range(1, len(closes))]
    g, l = smma(gains, n), smma(losses, n)
    return [None if g[i] is None else (Decimal(100) if l[i] == 0 else 100 - 100 / (1 + g[i] / l[i]))
            for i in range(len(closes))]


def true_range(rows):
    out = [None]
    for i in range(1, len(rows)):
        h, l, pc = rows[i]["high"], rows[i]["low"], rows[i - 1]["close"]
        out.append(max(h - l, abs(h - pc), abs(l - pc)))
    return out


def atr(rows, n, tradingview):
    tr = true_range(rows)
    if tradingview:
        tr[0] = rows[0]["high"] - rows[0]["low"]
    return smma(tr, n)


def macd(closes, fast, slow, signal):
    f, s = ema(closes, fast), ema(closes, slow)
    line = [None if s[i] is None else f[i] - s[i] for i in range(len(closes))]
    sig = ema(line, signal)
    hist = [None if sig[i] is None else line[i] - sig[i] for i in range(len(closes))]
    return line, sig, hist


def windows(closes, n):
    """(mean, population sigma) of each full window, by two passes."""
    out = []
    for i in range(len(closes)):
        if i < n - 1:
            out.append(None)
            continue
        window = closes[i - n + 1:i + 1]
        mean = sum(window) / n
        out.append((mean, (sum((x - mean) ** 2 for x in window) / n).sqrt()))
    return out


def stdev(closes, n):
    w = windows(closes, n)
    sd = [None if v is None else v[1] for v in w]
    z = [None if v is None or v[1] == 0 else (closes[i] - v[0]) / v[1] for i, v in enumerate(w)]
    return sd, z


def bollinger(closes, n, k):
    w = windows(closes, n)
    mid, up, low, pb, z, width = [], [], [], [], [], []
    for i, v in enumerate(w):
        if v is None:
            for col in (mid, up, low, pb, z, width):
                col.append(None)
            continue
        m, sd = v
        u, lo = m + k * sd, m - k * sd
        mid.append(m)
        up.append(u)
        low.append(lo)
        pb.append(None if u == lo else (closes[i] - lo) / (u - lo))
        z.append(None if sd == 0 else (closes[i] - m) / sd)
        width.append((u - lo) / m)
    return mid, up, low, pb, z, width


def heikin_ashi(rows):
    out = []
    prev_open = prev_close = None
    for r in rows:
        o, h, l, c = r["open"], r["high"], r["low"], r["close"]
        ha_close = (o + h + l + c) / 4
        ha_open = (o + c) / 2 if prev_open is None else (prev_open + prev_close) / 2
        out.append((ha_open, max(h, ha_open, ha_close), min(l, ha_open, ha_close), ha_close))
        prev_open, prev_close = ha_open, ha_close
    return out


def main():
    rows = make_candles()
    closes = [r["close"] for r in rows]
    columns = {}
    for n in (20, 9):
        columns[f"ema_{n}"] = ema(closes, n)
    for n in (20, 7):
        columns[f"sma_{n}"] = sma(closes, n)
    columns["smma_20"] = smma(closes, 20)
    for n in (14, 7):
        columns[f"rsi_{n}"] = rsi(closes, n)
    columns["tr"] = true_range(rows)
    for n in (14, 5):
        columns[f"atr_{n}"] = atr(rows, n, tradingview=False)
    columns["atr_tv_14"] = atr(rows, 14, tradingview=True)
    for f, s, g in ((12, 26, 9), (5, 35, 5)):
        line, sig, hist = macd(closes, f, s, g)
        columns[f"macd_{f}_{s}_{g}"] = line
        columns[f"macd_signal_{f}_{s}_{g}"] = sig
        columns[f"macd_hist_{f}_{s}_{g}"] = hist
    for n, k, label in ((20, Decimal(2), "2"), (10, Decimal("2.5"), "2.5")):
        mid, up, low, pb, z, width = bollinger(closes, n, k)
        columns[f"bb_middle_{n}_{label}"] = mid
        columns[f"bb_upper_{n}_{label}"] = up
        columns[f"bb_lower_{n}_{label}"] = low
        columns[f"bb_percent_b_{n}_{label}"] = pb
        columns[f"bb_zscore_{n}_{label}"] = z
        columns[f"bb_width_{n}_{label}"] = width
    for n in (20, 14):
        sd, z = stdev(closes, n)
        columns[f"stdev_{n}"] = sd
        columns[f"zscore_{n}"] = z
    ha = heikin_ashi(rows)
    for j, name in enumerate(("ha_open", "ha_high", "ha_low", "ha_close")):
        columns[name] = [v[j] for v in ha]

    def cell(v):
        return "" if v is None else repr(float(v))

    with open(OUTPUT, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["time", "open", "high", "low", "close", "volume"] + list(columns))
        for i, r in enumerate(rows):
            writer.writerow(
                [r["time"].strftime("%Y-%m-%dT%H:%M:%SZ"), str(r["open"]), str(r["high"]), str(r["low"]), str(r["close"]),
                 str(r["volume"])] + [cell(columns[name][i]) for name in columns])


if __name__ == "__main__":
    main()
