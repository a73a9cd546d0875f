"""Independent, stdlib-only reference for the ADF statistic: the OLS normal equations solved in exact rational
arithmetic (fractions.Fraction), so the only rounding is the final square root. Usage:
    python3 adf_reference.py FILE.csv COLUMN REGRESSION(c|ct|n) LAGS
Prints the t statistic of the lagged level."""
import csv
import sys
from fractions import Fraction
from math import sqrt


def column(path, name):
    with open(path, newline="") as f:
        return [Fraction(row[name]) for row in csv.DictReader(f)]


def solve(a, b):
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def ols_t0(cols, y):
    k = len(cols)
    xtx = [[sum(ci * cj for ci, cj in zip(cols[i], cols[j])) for j in range(k)] for i in range(k)]
    xty = [sum(ci * yi for ci, yi in zip(cols[i], y)) for i in range(k)]
    beta = solve(xtx, xty)
    resid = [yi - sum(beta[j] * cols[j][t] for j in range(k)) for t, yi in enumerate(y)]
    ssr = sum(e * e for e in resid)
    e0 = [Fraction(int(i == 0)) for i in range(k)]
    inv00 = solve(xtx, e0)[0]
    s2 = ssr / (len(y) - k)
    return float(beta[0]) / sqrt(float(s2 * inv00))


def adf(x, regression, lags):
    d = [x[i] - x[i - 1] for i in range(1, len(x))]
    rows = range(lags, len(d))
    cols = [[x[t] for t in rows]]
    cols += [[d[t - l] for t in rows] for l in range(1, lags + 1)]
    if regression in ("c", "ct"):
        cols.append([Fraction(1)] * len(rows))
    if regression == "ct":
        cols.append([Fraction(i + 1) for i in range(len(rows))])
    return ols_t0(cols, [d[t] for t in rows])


if __name__ == "__main__":
    print(repr(adf(column(sys.argv[1], sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
