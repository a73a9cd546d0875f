#!/usr/bin/env python3
"""Writes indicators.seeded.csv and session.seeded.csv, the fixtures of IndicatorFixtureTests.

A seeded random OHLC series (daily candles, prices on a 0.01 grid) and, for each indicator, the expected
value on every candle. The formulas are written out directly from their definitions (windowed sums, two-pass
standard deviations, plain recursions) in 60-digit decimal arithmetic, independently of the C# state
machines, and each value is written as the double nearest to the exact result (Python's shortest repr).
An empty cell means "no value yet" (warm-up) or "undefined" (a z-score or %B of a flat window).

The series has a strictly rising start (RSI with no losses = 100), a flat stretch of identical candles
(zero standard deviation), a gap, and otherwise a random walk with 1.5 % daily volatility.

session.seeded.csv is a seeded hourly series over several UTC days, with candles without volume (among them
the first candle of a day), for the session VWAP (restarting at 00:00 UTC) and OBV.

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
SESSION_OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "session.seeded.csv")


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


def sma_defined(values, n):
    """Mean of the last n values once the last n are all defined (the input may start with None)."""
    out = [None] * len(values)
    for i in range(n - 1, len(values)):
        window = values[i - n + 1:i + 1]
        if all(v is not None for v in window):
            out[i] = sum(window) / n
    return out


def ratchet(rows, atr_values, multiplier, upper_base, lower_base, starts_up):
    """The band ratchet shared by SuperTrend and the ATR trailing stop: (line, upper-only, lower-only) per row."""
    out = []
    up = lo = None
    bull = True
    for i, r in enumerate(rows):
        a = atr_values[i]
        if a is None:
            out.append((None, None, None))
            continue
        ue = upper_base(r) + multiplier * a
        le = lower_base(r) - multiplier * a
        prev_close = rows[i - 1]["close"]
        if up is None:
            bull = starts_up(i)
            up, lo = ue, le
        if ue < up or prev_close > up:
            up = ue
        if le > lo or prev_close < lo:
            lo = le
        bull = r["close"] > (lo if bull else up)
        out.append((lo, None, lo) if bull else (up, up, None))
    return out


def supertrend(rows, n, multiplier):
    mid = lambda r: (r["high"] + r["low"]) / 2
    return ratchet(rows, atr(rows, n, tradingview=False), multiplier, mid, mid,
                   lambda i: rows[i]["close"] >= mid(rows[i]))


def atr_stop(rows, n, multiplier, high_low):
    upper = (lambda r: r["high"]) if high_low else (lambda r: r["close"])
    lower = (lambda r: r["low"]) if high_low else (lambda r: r["close"])
    return ratchet(rows, atr(rows, n, tradingview=False), multiplier, upper, lower,
                   lambda i: rows[i]["close"] >= rows[i - 1]["close"])


def adx(rows, n):
    """Wilder's DMI with running sums (sum - sum/n + x), which give the same ratios as running means."""
    tr = true_range(rows)
    plus, minus = [None], [None]
    for i in range(1, len(rows)):
        up = rows[i]["high"] - rows[i - 1]["high"]
        down = rows[i - 1]["low"] - rows[i]["low"]
        plus.append(up if up > down and up > 0 else Decimal(0))
        minus.append(down if down > up and down > 0 else Decimal(0))
    out = [None] * len(rows)
    dx = [None] * len(rows)
    sums = None
    for i in range(1, len(rows)):
        if i < n:
            continue
        if sums is None:
            sums = [sum(tr[1:n + 1]), sum(plus[1:n + 1]), sum(minus[1:n + 1])]
        else:
            sums = [s - s / n + x for s, x in zip(sums, (tr[i], plus[i], minus[i]))]
        pdi = 100 * sums[1] / sums[0] if sums[0] > 0 else Decimal(0)
        mdi = 100 * sums[2] / sums[0] if sums[0] > 0 else Decimal(0)
        dx[i] = (100 * abs(pdi - mdi) / (pdi + mdi) if pdi + mdi > 0 else Decimal(0), pdi, mdi)
    smoothed = smma([None if v is None else v[0] for v in dx], n)
    for i in range(len(rows)):
        if smoothed[i] is not None:
            out[i] = (smoothed[i], dx[i][1], dx[i][2])
    return out


def highest_lowest(rows, n):
    return [None if i < n - 1 else (max(r["high"] for r in rows[i - n + 1:i + 1]), min(r["low"] for r in rows[i - n + 1:i + 1]))
            for i in range(len(rows))]


def stochastic(rows, n, signal, smooth):
    raw = []
    for i, hl in enumerate(highest_lowest(rows, n)):
        if hl is None:
            raw.append(None)
        else:
            h, l = hl
            raw.append(100 * (rows[i]["close"] - l) / (h - l) if h > l else Decimal(0))
    k = sma_defined(raw, smooth)
    d = sma_defined(k, signal)
    return [None if d[i] is None else (k[i], d[i]) for i in range(len(rows))]


def williams_r(rows, n):
    out = []
    for i, hl in enumerate(highest_lowest(rows, n)):
        if hl is None:
            out.append(None)
        else:
            h, l = hl
            out.append(-100 * (h - rows[i]["close"]) / (h - l) if h > l else Decimal(-100))
    return out


def cci(rows, n):
    tp = [(r["high"] + r["low"] + r["close"]) / 3 for r in rows]
    out = []
    for i in range(len(rows)):
        if i < n - 1:
            out.append(None)
            continue
        window = tp[i - n + 1:i + 1]
        mean = sum(window) / n
        md = sum(abs(x - mean) for x in window) / n
        out.append((tp[i] - mean) / (Decimal("0.015") * md) if md > 0 else Decimal(0))
    return out


def obv(rows):
    out = [Decimal(0)]
    for i in range(1, len(rows)):
        c, pc = rows[i]["close"], rows[i - 1]["close"]
        out.append(out[-1] + (rows[i]["volume"] if c > pc else -rows[i]["volume"] if c < pc else 0))
    return out


def vwap(rows):
    """Sum of typical price x volume over sum of volume since 00:00 UTC of the candle's day; none without volume."""
    out = []
    day = None
    pv = v = Decimal(0)
    for r in rows:
        if r["time"].date() != day:
            day, pv, v = r["time"].date(), Decimal(0), Decimal(0)
        pv += (r["high"] + r["low"] + r["close"]) / 3 * r["volume"]
        v += r["volume"]
        out.append(pv / v if v > 0 else None)
    return out


def donchian(rows, n):
    return [None if hl is None else (hl[0], (hl[0] + hl[1]) / 2, hl[1]) for hl in highest_lowest(rows, n)]


def keltner(rows, n, multiplier, atr_n):
    mid = ema([r["close"] for r in rows], n)
    a = atr(rows, atr_n, tradingview=False)
    return [None if mid[i] is None or a[i] is None else (mid[i] + multiplier * a[i], mid[i], mid[i] - multiplier * a[i])
            for i in range(len(rows))]


def make_session_candles():
    """Hourly candles from 20:00 UTC over four days; no volume on the first candle, at 00:00 of the second and
    third day, and on a few random candles."""
    rng = random.Random(SEED + 1)
    start = datetime(2021, 3, 1, 20, tzinfo=timezone.utc)
    rows = []
    close = Decimal("50.00")
    for i in range(80):
        time = start + timedelta(hours=i)
        o = cents(close * (1 + Decimal(repr(rng.gauss(0, 0.001)))))
        c = cents(o * (1 + Decimal(repr(rng.gauss(0, 0.004)))))
        h = cents(max(o, c) * (1 + abs(Decimal(repr(rng.gauss(0, 0.002))))))
        l = cents(min(o, c) * (1 - abs(Decimal(repr(rng.gauss(0, 0.002))))))
        silent = i == 0 or (time.hour == 0 and time.day in (2, 3)) or rng.random() < 0.1
        volume = Decimal(0) if silent else Decimal(rng.randint(1, 900))
        rows.append({"time": time, "open": o, "high": h, "low": l, "close": c, "volume": volume})
        close = c
    return rows


def write(path, rows, columns):
    def cell(v):
        return "" if v is None else repr(float(v))

    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["time", "open", "high", "low", "close", "volume"] + list(columns))
        for i, r in enumerate(rows):
            writer.writerow(
                [r["time"].strftime("%Y-%m-%dT%H:%M:%SZ"), str(r["open"]), str(r["high"]), str(r["low"]), str(r["close"]),
                 str(r["volume"])] + [cell(columns[name][i]) for name in columns])


def split(columns, names, values):
    for j, name in enumerate(names):
        columns[name] = [None if v is None else v[j] for v in values]


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
    for n, m, label in ((10, Decimal(3), "10_3"), (7, Decimal("1.5"), "7_1.5")):
        split(columns, [f"supertrend_{label}", f"supertrend_upper_{label}", f"supertrend_lower_{label}"], supertrend(rows, n, m))
    split(columns, ["atr_stop_21_3", "atr_stop_buy_21_3", "atr_stop_sell_21_3"], atr_stop(rows, 21, Decimal(3), False))
    split(columns, ["atr_stop_hl_14_2.5", "atr_stop_hl_buy_14_2.5", "atr_stop_hl_sell_14_2.5"], atr_stop(rows, 14, Decimal("2.5"), True))
    for n in (14, 5):
        split(columns, [f"adx_{n}", f"plus_di_{n}", f"minus_di_{n}"], adx(rows, n))
    for n, g, k in ((14, 3, 3), (5, 3, 1)):
        split(columns, [f"stoch_k_{n}_{g}_{k}", f"stoch_d_{n}_{g}_{k}"], stochastic(rows, n, g, k))
    for n in (20, 7):
        columns[f"cci_{n}"] = cci(rows, n)
    for n in (14, 5):
        columns[f"willr_{n}"] = williams_r(rows, n)
    columns["obv"] = obv(rows)
    columns["vwap"] = vwap(rows)
    for n in (20, 5):
        split(columns, [f"donchian_upper_{n}", f"donchian_middle_{n}", f"donchian_lower_{n}"], donchian(rows, n))
    for n, m, a, label in ((20, Decimal(2), 10, "20_2_10"), (5, Decimal("1.5"), 30, "5_1.5_30")):
        split(columns, [f"keltner_upper_{label}", f"keltner_middle_{label}", f"keltner_lower_{label}"], keltner(rows, n, m, a))
    write(OUTPUT, rows, columns)

    session = make_session_candles()
    write(SESSION_OUTPUT, session, {"vwap": vwap(session), "obv": obv(session)})


if __name__ == "__main__":
    main()
