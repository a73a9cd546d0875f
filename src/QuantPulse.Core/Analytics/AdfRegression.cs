namespace QuantPulse.Analytics;

/// <summary>The deterministic terms of a Dickey-Fuller regression (statsmodels' <c>regression</c> argument).</summary>
public enum AdfRegression
{
    /// <summary><c>c</c>: a constant.</summary>
    Constant,

    /// <summary><c>ct</c>: a constant and a linear trend.</summary>
    ConstantTrend,

    /// <summary><c>n</c>: neither.</summary>
    None,
}
