namespace QuantPulse.Analytics;

/// <summary>
/// The pair report of <c>b</c> on <c>a</c> that <c>quantpulse pair</c> prints and <c>GET /api/analytics/pair</c>
/// serves: the hedge ratio, the ADF test of <c>b</c> (constant), the Engle-Granger test of <c>b</c> on <c>a</c>,
/// the spread's half-life, Hurst exponent and z-score, the correlation of the levels, and their series.
/// </summary>
/// <remarks>
/// <para>
/// The spread is <c>b − α − β·a</c> with the fitted α, β (Kalman: the filter's last state, as
/// <see cref="HedgeRatio.Fit"/> gives it) on every bar; its z-score is <see cref="SpreadStatistics.RollingZScore"/>
/// over <c>window</c> bars. The β and α series show the hedge ratio over time: for Kalman the filtered β_t, α_t
/// (null until the filter identifies them), for OLS and Huber the fit over the <c>window</c> bars ending at each bar
/// (null before the window fills or where <c>a</c> is constant in it).
/// </para>
/// <para>A statistic the data does not support (a constant spread, too few values) is NaN.</para>
/// </remarks>
public static class PairAnalytics
{
    /// <summary>Computes the report.</summary>
    /// <param name="a">The regressor series, oldest first.</param>
    /// <param name="b">The dependent series, aligned with <paramref name="a"/>.</param>
    /// <param name="method">The hedge ratio estimator.</param>
    /// <param name="criterion">The ADF lag rule (both tests).</param>
    /// <param name="lags">The fixed or largest lag; null for the default.</param>
    /// <param name="window">Bars in the z-score (and rolling hedge ratio) window, at least 2.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The series are not aligned, are shorter than 3, <paramref name="a"/> is
    /// constant, <paramref name="b"/> is constant, or the lags do not fit the data.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public static PairAnalysis Analyze(IReadOnlyList<double> a, IReadOnlyList<double> b, HedgeMethod method, LagCriterion criterion = LagCriterion.Aic, int? lags = null, int window = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var fit = HedgeRatio.Fit(method, a, b);
        var adf = AugmentedDickeyFuller.Test(b, AdfRegression.Constant, criterion, lags);
        var eg = EngleGranger.Test(b, a, criterion, lags);
        var spread = fit.Spread(a, b);
        var z = SpreadStatistics.RollingZScore(spread, window);
        var (betas, alphas) = Path(a, b, method, window);
        return new PairAnalysis(
            a.Count,
            method,
            fit,
            adf,
            eg,
            OrNaN(() => SpreadStatistics.HalfLife(spread)),
            OrNaN(() => SpreadStatistics.Hurst(spread)),
            z.Length > 0 ? z[^1] ?? double.NaN : double.NaN,
            Correlation.Pearson(a, b),
            spread,
            z,
            betas,
            alphas);
    }

    private static (double?[] Betas, double?[] Alphas) Path(IReadOnlyList<double> a, IReadOnlyList<double> b, HedgeMethod method, int window)
    {
        var betas = new double?[a.Count];
        var alphas = new double?[a.Count];
        if (method == HedgeMethod.Kalman)
        {
            var path = KalmanHedge.Filter(a, b);
            for (var t = 0; t < path.Length; t++)
            {
                betas[t] = path[t]?.Beta;
                alphas[t] = path[t]?.Alpha;
            }

            return (betas, alphas);
        }

        var size = Math.Max(window, 3);
        for (var t = size - 1; t < a.Count; t++)
        {
            var sliceA = new ArraySegment<double>([.. a.Skip(t - size + 1).Take(size)]);
            var sliceB = new ArraySegment<double>([.. b.Skip(t - size + 1).Take(size)]);
            if (sliceA.Min() == sliceA.Max())
            {
                continue;
            }

            var local = HedgeRatio.Fit(method, sliceA, sliceB);
            betas[t] = local.Beta;
            alphas[t] = local.Alpha;
        }

        return (betas, alphas);
    }

    private static double OrNaN(Func<double> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }
}

/// <summary>What <see cref="PairAnalytics.Analyze"/> computed.</summary>
/// <param name="N">Aligned observations.</param>
/// <param name="Method">The hedge ratio estimator.</param>
/// <param name="Fit">The hedge ratio α, β, R² and standard errors.</param>
/// <param name="Adf">The ADF test of <c>b</c> with a constant.</param>
/// <param name="EngleGranger">The Engle-Granger test of <c>b</c> on <c>a</c>.</param>
/// <param name="HalfLife">Half-life of mean reversion of the spread, in bars (+∞ without mean reversion, NaN when undefined).</param>
/// <param name="Hurst">Hurst exponent of the spread (NaN when undefined).</param>
/// <param name="ZScoreLast">The spread's z-score on the last bar (NaN when the window is longer than the data or σ is 0).</param>
/// <param name="Correlation">Pearson correlation of the levels of <c>a</c> and <c>b</c>.</param>
/// <param name="Spread">The spread on every bar.</param>
/// <param name="ZScore">The spread's rolling z-score on every bar.</param>
/// <param name="Beta">The hedge ratio over time.</param>
/// <param name="Alpha">The intercept over time.</param>
public sealed record PairAnalysis(
    int N,
    HedgeMethod Method,
    HedgeFit Fit,
    AdfResult Adf,
    CointegrationResult EngleGranger,
    double HalfLife,
    double Hurst,
    double ZScoreLast,
    double Correlation,
    IReadOnlyList<double> Spread,
    IReadOnlyList<double?> ZScore,
    IReadOnlyList<double?> Beta,
    IReadOnlyList<double?> Alpha);
