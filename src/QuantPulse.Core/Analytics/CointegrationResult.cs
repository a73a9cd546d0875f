namespace QuantPulse.Analytics;

/// <summary>The outcome of an Engle-Granger cointegration test of <c>y</c> on <c>x</c>.</summary>
/// <param name="Statistic">τ of the ADF test (no constant) on the OLS residuals; −∞ when the fit is perfect.</param>
/// <param name="PValue">MacKinnon's (1994) p-value for N = 2 series with a constant.</param>
/// <param name="Lags">The lagged differences of the residual ADF regression.</param>
/// <param name="Critical">MacKinnon's (2010) N = 2 critical values for <c>n − 1</c> observations.</param>
/// <param name="Fit">The first-step regression <c>y = α + β·x</c>.</param>
public sealed record CointegrationResult(double Statistic, double PValue, int Lags, CriticalValues Critical, HedgeFit Fit);
