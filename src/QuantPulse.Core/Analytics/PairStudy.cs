namespace QuantPulse.Analytics;

/// <summary>
/// Everything the pair view shows of two aligned series: the hedge ratio of <c>b</c> on <c>a</c> three ways and over
/// time, the OLS spread with its rolling z-score, the rolling correlation of returns, and the stationarity tests.
/// </summary>
/// <remarks>
/// Over time: rolling OLS and rolling Huber fits over the <c>window</c> bars ending at each bar, and the Kalman
/// filter's β (defaults δ = 1e-4, Ve = 1e-3). The spread is <c>b − α − β·a</c> with the full-sample OLS fit; its
/// z-score uses the <c>window</c> spreads ending at each bar (sample σ). The rolling correlation is the Pearson
/// correlation of the simple returns of the <c>window</c> bars ending at each bar. ADF is of <c>b</c> with a constant,
/// Engle-Granger of <c>b</c> on <c>a</c>, both with lags chosen by AIC.
/// </remarks>
public static class PairStudy
{
    /// <summary>Studies two aligned series.</summary>
    /// <param name="closes">The aligned closes (at least 10 bars).</param>
    /// <param name="window">The rolling window (at least 3 and below the bar count).</param>
    /// <returns>The study.</returns>
    /// <exception cref="ArgumentException">Too few bars, or the window does not fit them.</exception>
    public static PairStudyResult Run(AlignedPair closes, int window)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var n = closes.Count;
        if (n < 10)
        {
            throw new ArgumentException($"The pair has {n} bars in common; the study needs at least 10.", nameof(closes));
        }

        if (window < 3 || window >= n)
        {
            throw new ArgumentException($"The window must be from 3 to {n - 1} (one less than the bars in common).", nameof(window));
        }

        var a = closes.A;
        var b = closes.B;
        var ols = HedgeRatio.Ols(a, b);
        var huber = HuberRegression.HedgeRatio(a, b);
        var kalman = KalmanHedge.Filter(a, b);
        var spread = ols.Spread(a, b);
        var rollingOls = new double?[n];
        var rollingHuber = new double?[n];
        var correlation = new double?[n];
        var returnsA = Returns(a);
        var returnsB = Returns(b);
        for (var t = window - 1; t < n; t++)
        {
            var sliceA = Slice(a, t, window);
            var sliceB = Slice(b, t, window);
            rollingOls[t] = Finite(() => HedgeRatio.Ols(sliceA, sliceB).Beta);
            rollingHuber[t] = Finite(() => HuberRegression.HedgeRatio(sliceA, sliceB).Beta);
            if (t >= window)
            {
                correlation[t] = Finite(() => Correlation.Pearson(Slice(returnsA, t - 1, window), Slice(returnsB, t - 1, window)));
            }
        }

        return new PairStudyResult(
            closes,
            window,
            ols,
            huber,
            kalman.Select(k => k is { } step ? step.Beta : (double?)null).ToArray(),
            rollingOls,
            rollingHuber,
            spread,
            SpreadStatistics.RollingZScore(spread, window),
            correlation,
            Finite(() => Correlation.Pearson(returnsA, returnsB)),
            AugmentedDickeyFuller.Test(b),
            EngleGranger.Test(b, a),
            SpreadStatistics.HalfLife(spread),
            SpreadStatistics.Hurst(spread));
    }

    /// <summary>The Pearson correlation of the simple returns of two aligned series; null with fewer than 3 bars or a constant series.</summary>
    /// <param name="closes">The aligned closes.</param>
    /// <returns>The correlation, or null.</returns>
    public static double? ReturnCorrelation(AlignedPair closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        return closes.Count < 3 ? null : Finite(() => Correlation.Pearson(Returns(closes.A), Returns(closes.B)));
    }

    private static double[] Returns(IReadOnlyList<double> x)
    {
        var r = new double[x.Count - 1];
        for (var i = 1; i < x.Count; i++)
        {
            r[i - 1] = (x[i] / x[i - 1]) - 1;
        }

        return r;
    }

    private static double[] Slice(IReadOnlyList<double> x, int end, int window)
    {
        var slice = new double[window];
        for (var i = 0; i < window; i++)
        {
            slice[i] = x[end - window + 1 + i];
        }

        return slice;
    }

    private static double? Finite(Func<double> compute)
    {
        try
        {
            var value = compute();
            return double.IsFinite(value) ? value : null;
        }
        catch (ArgumentException)
        {
            // A window where a series is constant has no fit; the chart shows a gap there.
            return null;
        }
    }
}
