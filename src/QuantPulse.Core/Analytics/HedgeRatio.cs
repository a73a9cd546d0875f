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
