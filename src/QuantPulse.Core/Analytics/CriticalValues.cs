namespace QuantPulse.Analytics;

/// <summary>Critical values of a unit-root or cointegration statistic at 1 %, 5 % and 10 %.</summary>
/// <param name="OnePercent">The 1 % value.</param>
/// <param name="FivePercent">The 5 % value.</param>
/// <param name="TenPercent">The 10 % value.</param>
public readonly record struct CriticalValues(double OnePercent, double FivePercent, double TenPercent);
