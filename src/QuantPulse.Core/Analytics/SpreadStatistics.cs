namespace QuantPulse.Analytics;

/// <summary>Statistics of a spread series.</summary>
public static class SpreadStatistics
{
    /// <summary>
    /// The half-life of mean reversion, <c>−ln 2 / λ</c>, where λ is the slope of the OLS regression of
    /// <c>Δs_t</c> on a constant and <c>s_{t−1}</c>; +∞ when λ ≥ 0 (no mean reversion).
    /// </summary>
    /// <param name="spread">The spread, oldest first (at least 4 values).</param>
    /// <returns>The half-life in bars.</returns>
    public static double HalfLife(IReadOnlyList<double> spread)
    {
        ArgumentNullException.ThrowIfNull(spread);
        var lagged = new double[spread.Count - 1];
        var change = new double[lagged.Length];
        for (var i = 1; i < spread.Count; i++)
        {
            lagged[i - 1] = spread[i - 1];
            change[i - 1] = spread[i] - spread[i - 1];
        }

        var lambda = HedgeRatio.Ols(lagged, change).Beta;
        return lambda < 0 ? -Math.Log(2) / lambda : double.PositiveInfinity;
    }

    /// <summary>
    /// The z-score of each value against the <paramref name="window"/> values ending at it:
    /// <c>(s_t − mean)/σ</c> with the sample σ (divisor <c>window − 1</c>); null before the window fills, when σ is 0
    /// or when the window holds a value that is not finite.
    /// </summary>
    /// <remarks>
    /// Computed with running sums in O(1) per value (see <see cref="RollingZScores"/>); the results agree with the
    /// direct two-pass computation of <see cref="ZScore"/> to about 1e-12 relative.
    /// </remarks>
    /// <param name="values">The series.</param>
    /// <param name="window">The window, at least 2.</param>
    /// <returns>One z-score per value.</returns>
    public static double?[] RollingZScore(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var dense = values as double[] ?? [.. values];
        var scores = new double[dense.Length];
        RollingZScores(dense, window, scores);
        var z = new double?[dense.Length];
        for (var t = 0; t < z.Length; t++)
        {
            z[t] = double.IsNaN(scores[t]) ? null : scores[t];
        }

        return z;
    }

    /// <summary>
    /// The rolling z-scores into <paramref name="z"/> (NaN where undefined), in O(1) per value: a rolling Welford
    /// update of the window's mean and sum of squared deviations, the mean kept as an offset from an anchor so its
    /// rounding stays at the scale of the deviations. The window is recomputed exactly (two passes, as
    /// <see cref="ZScore"/> does) when it first fills, after every <paramref name="window"/> updates, and whenever
    /// the sum of squares has become small next to what the updates since the last exact pass moved it by (there the
    /// rounding of the updates could show, e.g. a window that turned constant, whose σ must come out exactly 0).
    /// </summary>
    internal static void RollingZScores(double[] values, int window, double[] z)
    {
        // Exact recomputation when the running sum of squares is below this share of the movement since the last one:
        // the updates' rounding is about 1e-16 of that movement, so the sum of squares keeps ~1e-13 relative accuracy.
        const double RecomputeShare = 1e-3;
        Array.Fill(z, double.NaN);
        var nonFinite = 0; // values in the window that are NaN or infinite
        var exact = false; // whether the running state describes the current window
        double anchor = 0, offset = 0, m2 = 0, moved = 0;
        var updates = 0;
        for (var t = 0; t < values.Length; t++)
        {
            var x = values[t];
            nonFinite += double.IsFinite(x) ? 0 : 1;
            if (t >= window && !double.IsFinite(values[t - window]))
            {
                nonFinite--;
            }

            if (t < window - 1)
            {
                continue;
            }

            if (nonFinite > 0)
            {
                exact = false;
                continue;
            }

            if (exact && updates < window)
            {
                var old = values[t - window];
                var delta = x - old;
                var previous = offset;
                offset += delta / window;
                var change = delta * ((x - anchor - offset) + (old - anchor - previous));
                m2 += change;
                moved += Math.Abs(change);
                updates++;
                exact = m2 > RecomputeShare * moved;
            }
            else
            {
                exact = false;
            }

            if (!exact)
            {
                (anchor, m2) = WindowMoments(values, t, window);
                offset = 0;
                moved = m2;
                updates = 0;
                exact = true;
            }

            var sd = Math.Sqrt(m2 / (window - 1));
            z[t] = sd > 0 ? (x - anchor - offset) / sd : double.NaN;
        }
    }

    // The mean and the sum of squared deviations of the window ending at t, by two passes.
    private static (double Mean, double SumSquares) WindowMoments(IReadOnlyList<double> values, int t, int window)
    {
        var mean = 0.0;
        for (var i = t - window + 1; i <= t; i++)
        {
            mean += values[i];
        }

        mean /= window;
        var ss = 0.0;
        for (var i = t - window + 1; i <= t; i++)
        {
            ss += (values[i] - mean) * (values[i] - mean);
        }

        return (mean, ss);
    }

    /// <summary>The z-score of <c>values[t]</c> against the <paramref name="window"/> values ending at <paramref name="t"/>.</summary>
    /// <param name="values">The series.</param>
    /// <param name="t">The index.</param>
    /// <param name="window">The window.</param>
    /// <returns>The z-score, or null when σ is 0.</returns>
    public static double? ZScore(IReadOnlyList<double> values, int t, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (mean, ss) = WindowMoments(values, t, window);
        var sd = Math.Sqrt(ss / (window - 1));
        return sd > 0 ? (values[t] - mean) / sd : null;
    }

    /// <summary>
    /// The Hurst exponent by the scaling of lagged differences: for each lag τ = 2 … min(100, n/2) − 1, the
    /// population σ of <c>s_{t+τ} − s_t</c>; H is the OLS slope of <c>ln σ(τ)</c> on <c>ln τ</c>
    /// (0.5 random walk, below 0.5 mean reverting, above 0.5 trending). NaN when a σ is 0.
    /// </summary>
    /// <param name="series">The series, oldest first (at least 10 values).</param>
    /// <returns>The Hurst exponent.</returns>
    /// <exception cref="ArgumentException">The series has fewer than 10 values.</exception>
    public static double Hurst(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count < 10)
        {
            throw new ArgumentException($"The Hurst exponent needs at least 10 values (got {series.Count}).", nameof(series));
        }

        var maxLag = Math.Min(100, series.Count / 2);
        var logLag = new List<double>();
        var logSigma = new List<double>();
        for (var lag = 2; lag < maxLag; lag++)
        {
            var count = series.Count - lag;
            double sum = 0, sumSquares = 0;
            for (var t = 0; t < count; t++)
            {
                var d = series[t + lag] - series[t];
                sum += d;
                sumSquares += d * d;
            }

            var mean = sum / count;
            var variance = Math.Max((sumSquares / count) - (mean * mean), 0);
            if (variance == 0)
            {
                return double.NaN;
            }

            logLag.Add(Math.Log(lag));
            logSigma.Add(0.5 * Math.Log(variance));
        }

        return HedgeRatio.Ols(logLag, logSigma).Beta;
    }
}
