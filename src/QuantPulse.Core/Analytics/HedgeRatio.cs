namespace QuantPulse.Analytics;

/// <summary>Hedge ratios of <c>b</c> on <c>a</c> (<c>b = α + β·a</c>).</summary>
public static class HedgeRatio
{
    /// <summary>Ordinary least squares with an intercept.</summary>
    /// <param name="a">The regressor.</param>
    /// <param name="b">The dependent series, aligned with <paramref name="a"/>.</param>
    /// <returns>α, β, R² and their standard errors.</returns>
    /// <exception cref="ArgumentException">The series differ in length, are shorter than 3, or <paramref name="a"/> is constant.</exception>
    public static HedgeFit Ols(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var fit = LeastSquares.Fit([LeastSquares.Constant(Check(a, b)), [.. a]], b);
        return new HedgeFit(fit.Coefficients[0], fit.Coefficients[1], fit.RSquared, fit.StandardErrors[0], fit.StandardErrors[1], fit.Nobs);
    }

    /// <summary>A hedge ratio by <paramref name="method"/>.</summary>
    /// <remarks>
    /// For <see cref="HedgeMethod.Kalman"/> the fit is the filter's last state: α and β after the last observation,
    /// their standard errors the square roots of the filtered variances, and R² that of the spread with them
    /// (<c>1 − Σ spread² / Σ (b − b̄)²</c>, uncentred spread).
    /// </remarks>
    /// <param name="method">The estimator.</param>
    /// <param name="a">The regressor.</param>
    /// <param name="b">The dependent series, aligned with <paramref name="a"/>.</param>
    /// <returns>α, β, R² and their standard errors.</returns>
    /// <exception cref="ArgumentException">The series differ in length, are shorter than 3, or <paramref name="a"/> is constant.</exception>
    public static HedgeFit Fit(HedgeMethod method, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        switch (method)
        {
            case HedgeMethod.Ols:
                return Ols(a, b);
            case HedgeMethod.Huber:
                return HuberRegression.HedgeRatio(a, b);
            default:
                var path = KalmanHedge.Filter(a, b);
                var last = path[^1] ?? throw new ArgumentException("The Kalman filter cannot identify β and α: a is constant.", nameof(a));
                var mean = b.Average();
                double ssr = 0, sst = 0;
                for (var i = 0; i < b.Count; i++)
                {
                    var residual = b[i] - last.Alpha - (last.Beta * a[i]);
                    ssr += residual * residual;
                    sst += (b[i] - mean) * (b[i] - mean);
                }

                return new HedgeFit(last.Alpha, last.Beta, 1 - (ssr / sst), Math.Sqrt(last.AlphaVariance), Math.Sqrt(last.BetaVariance), b.Count);
        }
    }

    internal static int Check(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count < 3)
        {
            throw new ArgumentException($"A hedge ratio needs two aligned series of at least 3 values (got {a.Count} and {b.Count}).", nameof(b));
        }

        return a.Count;
    }
}
