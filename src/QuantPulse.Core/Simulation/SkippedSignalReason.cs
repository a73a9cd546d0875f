namespace QuantPulse.Simulation;

/// <summary>Why the simulator opened no trade on a signal. Each reason is counted in <see cref="SimulatorStatistics"/>.</summary>
public enum SkippedSignalReason
{
    /// <summary>The asset already had <see cref="SimulatorOptions.MaxOpenTradesPerAsset"/> trades open or waiting to open.</summary>
    TooManyOpenTrades = 0,

    /// <summary>
    /// The fill could not respect the levels: with <see cref="TradeLevelAnchor.Signal"/> the fill was at or beyond a
    /// level; with <see cref="TradeLevelAnchor.Fill"/> the shifted stop (or a sell's target) fell to zero or below.
    /// </summary>
    FillBeyondLevel = 1,

    /// <summary>The signal's levels are impossible (not stop &lt; entry &lt; target for a buy, the reverse for a sell, or not positive).</summary>
    InvalidSignal = 2,

    /// <summary>A trade with the signal's trade ID is already open or waiting to open (a replayed signal after a restart).</summary>
    AlreadyTraded = 3,
}
