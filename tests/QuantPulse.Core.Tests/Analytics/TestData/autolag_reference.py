#!/usr/bin/python3
"""Regenerates autolag_series.csv and autolag_expected.csv with statsmodels (Debian python3-statsmodels 0.13.5).

The series are simulated (seeded numpy): AR processes in levels and a cointegrated pair, chosen so that AIC and
BIC pick different lags. For each series, regression c/ct/n and criterion AIC/BIC, statsmodels adfuller() gives
the chosen lag, the statistic, the p-value, nobs and the critical values; coint() does the same for the pair.
When ../shared/reference/vectors/macrodata.csv exists its realgdp and infl columns are tested as well (only the
results are written, not the data). Usage, from the repository root:
    /usr/bin/python3 tests/QuantPulse.Core.Tests/Analytics/TestData/autolag_reference.py
"""
import csv
import os

import numpy as np
from statsmodels.tsa.stattools import adfuller, coint

HERE = os.path.dirname(os.path.abspath(__file__))
MACRODATA = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "reference", "vectors", "macrodata.csv")


def simulate():
    rng = np.random.RandomState(20261206)
    n = 400
    e = rng.standard_normal(n)
    ar3 = np.zeros(n)
    for t in range(3, n):
        ar3[t] = 0.95 * ar3[t - 1] + 0.4 * (ar3[t - 1] - ar3[t - 2]) - 0.3 * (ar3[t - 2] - ar3[t - 3]) + e[t]
    walk = np.cumsum(rng.standard_normal(n)) + 100.0
    trend = 0.05 * np.arange(n) + np.cumsum(rng.standard_normal(n) * 0.5)
    a = np.cumsum(rng.standard_normal(n)) + 50.0
    u = np.zeros(n)
    v = rng.standard_normal(n)
    for t in range(2, n):
        u[t] = 0.6 * u[t - 1] + 0.2 * u[t - 2] + v[t]
    b = 3.0 + 1.5 * a + u
    return {"ar3": ar3, "walk": walk, "trend": trend, "a": a, "b": b}


def fmt(x):
    return repr(float(x))


def main():
    series = simulate()
    names = list(series)
    with open(os.path.join(HERE, "autolag_series.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for i in range(len(series[names[0]])):
            w.writerow([fmt(series[k][i]) for k in names])

    tests = [(k, "simulated") for k in ("ar3", "walk", "trend", "b")]
    if os.path.exists(MACRODATA):
        with open(MACRODATA, newline="") as f:
            rows = list(csv.DictReader(f))
        for k in ("realgdp", "infl"):
            series[k] = np.array([float(r[k]) for r in rows])
            tests.append((k, "macrodata"))

    with open(os.path.join(HERE, "autolag_expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["test", "series", "source", "regression", "criterion", "lags", "statistic", "pvalue", "nobs", "crit1", "crit5", "crit10"])
        for name, source in tests:
            for regression in ("c", "ct", "n"):
                for criterion in ("AIC", "BIC"):
                    stat, p, lags, nobs, crit, _ = adfuller(series[name], regression=regression, autolag=criterion)
                    w.writerow(["adf", name, source, regression, criterion.lower(), lags, fmt(stat), fmt(p), nobs,
                                fmt(crit["1%"]), fmt(crit["5%"]), fmt(crit["10%"])])
        for criterion in ("aic", "bic"):
            stat, p, crit = coint(series["b"], series["a"], trend="c", autolag=criterion)
            # coint does not return the lag; it is the lag adfuller picks on the first-step residuals.
            resid = series["b"] - np.polyval(np.polyfit(series["a"], series["b"], 1), series["a"])
            lags = adfuller(resid, regression="n", autolag=criterion.upper())[2]
            w.writerow(["coint", "b~a", "simulated", "c", criterion, lags, fmt(stat), fmt(p), "",
                        fmt(crit[0]), fmt(crit[1]), fmt(crit[2])])


if __name__ == "__main__":
    main()
