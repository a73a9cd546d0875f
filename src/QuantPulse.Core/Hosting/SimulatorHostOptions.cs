using QuantPulse.Simulation;

namespace QuantPulse.Hosting;

/// <summary>The paper-trade simulator (<c>QuantPulse:Simulator</c>); it runs whenever strategies are configured and it is enabled.</summary>
/// <remarks>Defaults and allowed ranges are those of <see cref="SimulatorOptions"/>; values are checked at start.</remarks>
public sealed class SimulatorHostOptions
{
    private static readonly SimulatorOptions Defaults = new();

    /// <summary>Whether signals open simulated trades. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many trades may be open (or waiting for their fill) per asset. Default: 1.</summary>
    public int MaxOpenTradesPerAsset { get; set; } = Defaults.MaxOpenTradesPerAsset;

    /// <summary>How long a trade may stay open before the first tick at or after its expiry closes it. Default: one hour; empty = never.</summary>
    public TimeSpan? Expiry { get; set; } = Defaults.Expiry;

    /// <summary>Whether stop and target move with the fill (<c>Fill</c>) or stay at the signal's levels (<c>Signal</c>). Default: Fill.</summary>
    public TradeLevelAnchor LevelAnchor { get; set; } = Defaults.LevelAnchor;

    internal SimulatorOptions ToSimulatorOptions(int boundedCapacity) => new()
    {
        MaxOpenTradesPerAsset = MaxOpenTradesPerAsset,
        Expiry = Expiry,
        LevelAnchor = LevelAnchor,
        BoundedCapacity = boundedCapacity,
    };
}
