namespace QuantPulse.Simulation;

/// <summary>Counters of the paper-trade simulator.</summary>
/// <remarks>A snapshot. <see cref="OpenTrades"/> and <see cref="PendingSignals"/> are current; the others only grow.</remarks>
public sealed record SimulatorStatistics
{
    /// <summary>How many signals the simulator was given.</summary>
    public long SignalsReceived { get; init; }

    /// <summary>How many trades were reloaded as open at construction.</summary>
    public long TradesReloaded { get; init; }

    /// <summary>How many trades were opened.</summary>
    public long TradesOpened { get; init; }

    /// <summary>How many trades closed at their take profit.</summary>
    public long Wins { get; init; }

    /// <summary>How many trades closed at their stop loss.</summary>
    public long Losses { get; init; }

    /// <summary>How many trades expired.</summary>
    public long Expired { get; init; }

    /// <summary>How many trades are open now.</summary>
    public int OpenTrades { get; init; }

    /// <summary>How many signals wait for the next tick of their asset to open a trade.</summary>
    public int PendingSignals { get; init; }

    /// <summary>Signals skipped because the asset had too many trades open.</summary>
    public long SkippedTooManyOpenTrades { get; init; }

    /// <summary>Signals skipped because the fill could not respect the levels.</summary>
    public long SkippedFillBeyondLevel { get; init; }

    /// <summary>Signals skipped because their levels were impossible.</summary>
    public long SkippedInvalidSignal { get; init; }

    /// <summary>Signals skipped because their trade was already open or waiting.</summary>
    public long SkippedAlreadyTraded { get; init; }

    /// <summary>
    /// Ticks of an asset with open or waiting trades that were stamped before a trade's open time or a signal's
    /// time (recorded out of order); they neither open nor close those trades.
    /// </summary>
    public long LateTicks { get; init; }

    /// <summary>Ticks with a price at or below zero, ignored.</summary>
    public long InvalidTicks { get; init; }

    /// <summary>Every closed trade.</summary>
    public long TradesClosed => Wins + Losses + Expired;

    /// <summary>Every skipped signal, whatever the reason.</summary>
    public long TotalSkipped => SkippedTooManyOpenTrades + SkippedFillBeyondLevel + SkippedInvalidSignal + SkippedAlreadyTraded;

    /// <summary>The count for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>How many signals were skipped for it.</returns>
    public long Skipped(SkippedSignalReason reason) => reason switch
    {
        SkippedSignalReason.TooManyOpenTrades => SkippedTooManyOpenTrades,
        SkippedSignalReason.FillBeyondLevel => SkippedFillBeyondLevel,
        SkippedSignalReason.InvalidSignal => SkippedInvalidSignal,
        SkippedSignalReason.AlreadyTraded => SkippedAlreadyTraded,
        _ => 0,
    };
}
