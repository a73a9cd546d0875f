namespace QuantPulse.Analytics;

/// <summary>How a hedge ratio of <c>b</c> on <c>a</c> is estimated.</summary>
public enum HedgeMethod
{
    /// <summary>Ordinary least squares with an intercept (<see cref="HedgeRatio.Ols"/>).</summary>
    Ols,

    /// <summary>Huber robust regression (<see cref="HuberRegression.HedgeRatio"/>).</summary>
    Huber,

    /// <summary>The Kalman filter (<see cref="KalmanHedge"/>) with its default δ and Ve.</summary>
    Kalman,
}
