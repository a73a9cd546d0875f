namespace QuantPulse.Signals;

/// <summary>Why the signal stage dropped a signal a strategy raised. Each reason is counted in <see cref="SignalStatistics"/>.</summary>
public enum SignalRejection
{
    /// <summary>Not dropped.</summary>
    None = 0,

    /// <summary>The stop loss is at the entry: the ATR was still warming up, or zero on a flat market.</summary>
    NoRisk = 1,

    /// <summary>
    /// The levels are impossible: a stop or target on the wrong side of the entry, a price at or below zero, or a
    /// confidence outside [0, 1].
    /// </summary>
    InvalidLevels = 2,

    /// <summary>The reward-to-risk ratio is below <see cref="RiskRewardOptions.MinRiskReward"/>.</summary>
    BelowMinimumRiskReward = 3,

    /// <summary>The confidence is below <see cref="SignalBlockOptions.MinConfidence"/>.</summary>
    BelowMinimumConfidence = 4,
}
