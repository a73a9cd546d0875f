namespace QuantPulse.Analytics;

/// <summary>
/// The Engle-Granger two-step cointegration test with statsmodels <c>coint(y, x, trend="c")</c> semantics: OLS of
/// <c>y</c> on a constant and <c>x</c>, then an ADF test without deterministic terms on the residuals (same lag
/// rule as <see cref="AugmentedDickeyFuller"/>), a MacKinnon (1994) p-value and MacKinnon (2010) critical values
/// for N = 2 series with a constant, the latter at <c>n − 1</c> observations as Stata's <c>egranger</c> does.
/// </summary>
public static class EngleGranger
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Tests whether <paramref name="y"/> and <paramref name="x"/> are cointegrated.</summary>
    /// <param name="y">The dependent series.</param>
    /// <param name="x">The regressor, aligned with <paramref name="y"/>.</param>
    /// <param name="criterion">Fixed lags, or AIC/BIC selection.</param>
    /// <param name="maxLag">The fixed or largest lag; null for the default.</param>
    /// <returns>The statistic, p-value, lags, critical values and the first-step fit.</returns>
    public static CointegrationResult Test(IReadOnlyList<double> y, IReadOnlyList<double> x, LagCriterion criterion = LagCriterion.Aic, int? maxLag = null)
    {
        var fit = HedgeRatio.Ols(x, y);
        var critical = MacKinnon.Critical(AdfRegression.Constant, fit.N - 1, series: 2);
        if (fit.RSquared >= 1 - (100 * Math.Sqrt(MachineEpsilon)))
        {
            return new CointegrationResult(double.NegativeInfinity, 0.0, 0, critical, fit);
        }

        var adf = AugmentedDickeyFuller.Test(fit.Spread(x, y), AdfRegression.None, criterion, maxLag);
        return new CointegrationResult(adf.Statistic, MacKinnon.PValue(adf.Statistic, AdfRegression.Constant, series: 2), adf.Lags, critical, fit);
    }
}
