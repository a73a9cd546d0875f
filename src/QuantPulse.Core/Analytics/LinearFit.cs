namespace QuantPulse.Analytics;

/// <summary>
/// An ordinary least-squares fit of <c>y</c> on a design matrix: coefficients in the order of the design's
/// columns, their standard errors, the residual sum of squares and the information criteria statsmodels'
/// <c>OLS</c> reports (Gaussian log-likelihood, <c>aic = −2·llf + 2k</c>, <c>bic = −2·llf + ln(n)·k</c>).
/// </summary>
/// <param name="Coefficients">The estimates, one per design column.</param>
/// <param name="StandardErrors">Their standard errors, <c>√(σ̂²·diag((XᵀX)⁻¹))</c> with <c>σ̂² = SSR/(n − k)</c>.</param>
/// <param name="Ssr">The residual sum of squares.</param>
/// <param name="Nobs">The number of observations <c>n</c>.</param>
/// <param name="RSquared">1 − SSR/TSS, with TSS centred when the design has a constant column and uncentred otherwise.</param>
public sealed record LinearFit(
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardErrors,
    double Ssr,
    int Nobs,
    double RSquared)
{
    /// <summary>The number of regressors <c>k</c>.</summary>
    public int Regressors => Coefficients.Count;

    /// <summary>The Gaussian log-likelihood <c>−n/2·(ln 2π + ln(SSR/n) + 1)</c>.</summary>
    public double LogLikelihood => -Nobs / 2.0 * (Math.Log(2 * Math.PI) + Math.Log(Ssr / Nobs) + 1);

    /// <summary>Akaike's criterion <c>−2·llf + 2k</c>.</summary>
    public double Aic => (-2 * LogLikelihood) + (2.0 * Regressors);

    /// <summary>Schwarz's criterion <c>−2·llf + ln(n)·k</c>.</summary>
    public double Bic => (-2 * LogLikelihood) + (Math.Log(Nobs) * Regressors);

    /// <summary>The t statistic of coefficient <paramref name="index"/>.</summary>
    /// <param name="index">The design column.</param>
    /// <returns>The coefficient divided by its standard error.</returns>
    public double TValue(int index) => Coefficients[index] / StandardErrors[index];
}
