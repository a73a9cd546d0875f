namespace QuantPulse.Analytics;

/// <summary>A robust (M-estimator) regression fit.</summary>
/// <param name="Coefficients">The estimates, one per design column.</param>
/// <param name="StandardErrors">Their standard errors (statsmodels' H1 covariance).</param>
/// <param name="Scale">The final MAD scale of the residuals.</param>
/// <param name="Weights">The weights of the last reweighted fit.</param>
/// <param name="Iterations">statsmodels' iteration count (1 for the OLS start plus one per reweighting).</param>
public sealed record RobustFit(
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardErrors,
    double Scale,
    IReadOnlyList<double> Weights,
    int Iterations);
