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
    /// <c>(s_t − mean)/σ</c> with the sample σ (divisor <c>window − 1</c>); null before the window fills or when σ is 0.
    /// </summary>
    /// <param name="values">The series.</param>
    /// <param name="window">The window, at least 2.</param>
    /// <returns>One z-score per value.</returns>
    public static double?[] RollingZScore(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var z = new double?[values.Count];
        for (var t = window - 1; t < values.Count; t++)
        {
            z[t] = ZScore(values, t, window);
        }

        return z;
    }

    /// <summary>The z-score of <c>values[t]</c> against the <paramref name="window"/> values ending at <paramref name="t"/>.</summary>
    /// <param name="values">The series.</param>
    /// <param name="t">The index.</param>
    /// <param name="window">The window.</param>
    /// <returns>The z-score, or null when σ is 0.</returns>
    public static double? ZScore(IReadOnlyList<double> values, int t, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
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
