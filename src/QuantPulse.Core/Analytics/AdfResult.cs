namespace QuantPulse.Analytics;

/// <summary>The outcome of an augmented Dickey-Fuller test.</summary>
/// <param name="Statistic">τ, the t statistic of the lagged level.</param>
/// <param name="PValue">MacKinnon's (1994) approximate p-value.</param>
/// <param name="Lags">The number of lagged differences used.</param>
/// <param name="Nobs">The observations in the final regression.</param>
/// <param name="Regression">The deterministic terms.</param>
/// <param name="Critical">MacKinnon's (2010) critical values for <paramref name="Nobs"/>.</param>
public sealed record AdfResult(double Statistic, double PValue, int Lags, int Nobs, AdfRegression Regression, CriticalValues Critical);
