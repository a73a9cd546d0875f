namespace QuantPulse.Analytics;

/// <summary>How an augmented Dickey-Fuller test picks its number of lagged differences.</summary>
public enum LagCriterion
{
    /// <summary>A fixed number of lags (the maximum).</summary>
    Fixed,

    /// <summary>The lag count with the smallest Akaike criterion.</summary>
    Aic,

    /// <summary>The lag count with the smallest Schwarz (Bayesian) criterion.</summary>
    Bic,
}
