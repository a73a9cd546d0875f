namespace QuantPulse.Signals;

/// <summary>Counters of a signal stage: candles evaluated, signals raised, and signals dropped by reason.</summary>
/// <remarks>A snapshot; the counters only grow.</remarks>
public sealed record SignalStatistics
{
    /// <summary>How many closed candles were given to the strategy.</summary>
    public long CandlesEvaluated { get; init; }

    /// <summary>How many candles were skipped because their series had already seen a later or equal open time.</summary>
    public long CandlesOutOfOrder { get; init; }

    /// <summary>How many signals passed every check and went downstream.</summary>
    public long SignalsRaised { get; init; }

    /// <summary>Signals dropped because their stop loss was at the entry.</summary>
    public long DroppedNoRisk { get; init; }

    /// <summary>Signals dropped because their levels or confidence were impossible.</summary>
    public long DroppedInvalidLevels { get; init; }

    /// <summary>Signals dropped because their reward-to-risk ratio was below the minimum.</summary>
    public long DroppedBelowMinimumRiskReward { get; init; }

    /// <summary>Signals dropped because their confidence was below the minimum.</summary>
    public long DroppedBelowMinimumConfidence { get; init; }

    /// <summary>Every dropped signal, whatever the reason.</summary>
    public long TotalDropped =>
        DroppedNoRisk + DroppedInvalidLevels + DroppedBelowMinimumRiskReward + DroppedBelowMinimumConfidence;

    /// <summary>The count for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>How many signals were dropped for it (0 for <see cref="SignalRejection.None"/>).</returns>
    public long Dropped(SignalRejection reason) => reason switch
    {
        SignalRejection.NoRisk => DroppedNoRisk,
        SignalRejection.InvalidLevels => DroppedInvalidLevels,
        SignalRejection.BelowMinimumRiskReward => DroppedBelowMinimumRiskReward,
        SignalRejection.BelowMinimumConfidence => DroppedBelowMinimumConfidence,
        _ => 0,
    };
}
