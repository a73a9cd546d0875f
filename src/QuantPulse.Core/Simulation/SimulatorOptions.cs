using QuantPulse.Internal;

namespace QuantPulse.Simulation;

/// <summary>Settings of the paper-trade simulator (<see cref="SimulatorBlock"/>), fixed when the block is built.</summary>
/// <remarks>
/// <para>Each property is checked when it is set; the block keeps its own copy, so later changes have no effect.</para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="MaxOpenTradesPerAsset"/></term><description>1 (1 to 10,000)</description></item>
/// <item><term><see cref="Expiry"/></term><description>1 hour (more than zero, at most 3,650 days; null never expires)</description></item>
/// <item><term><see cref="LevelAnchor"/></term><description><see cref="TradeLevelAnchor.Fill"/></description></item>
/// <item><term><see cref="BoundedCapacity"/></term><description>64 batches (1 to 1,000,000)</description></item>
/// <item><term><see cref="CancellationToken"/></term><description><see cref="CancellationToken.None"/></description></item>
/// </list>
/// </remarks>
public sealed class SimulatorOptions
{
    private static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(3650);

    private readonly int _maxOpenTradesPerAsset = 1;
    private readonly TimeSpan? _expiry = TimeSpan.FromHours(1);
    private readonly TradeLevelAnchor _levelAnchor = TradeLevelAnchor.Fill;
    private readonly int _boundedCapacity = 64;

    /// <summary>
    /// How many trades one asset may have open (or waiting for their fill) at once: 1 for one trade per asset,
    /// more to let signals stack. A signal beyond the limit is skipped and counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 10,000.</exception>
    public int MaxOpenTradesPerAsset
    {
        get => _maxOpenTradesPerAsset;
        init => _maxOpenTradesPerAsset = OptionGuard.InRange(value, 1, 10_000, nameof(MaxOpenTradesPerAsset));
    }

    /// <summary>
    /// How long a trade may stay open: the first tick of its asset at or after <c>open time + Expiry</c> closes it
    /// as expired unless it reaches a level. Null: trades only close at a level.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or more than 3,650 days.</exception>
    public TimeSpan? Expiry
    {
        get => _expiry;
        init => _expiry = value is { } expiry
            ? OptionGuard.InRange(expiry, TimeSpan.FromTicks(1), MaxExpiry, nameof(Expiry))
            : null;
    }

    /// <summary>Whether the levels move with the fill price or stay where the signal put them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public TradeLevelAnchor LevelAnchor
    {
        get => _levelAnchor;
        init => _levelAnchor = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LevelAnchor), value, "Not a defined TradeLevelAnchor.");
    }

    /// <summary>How many batches the block holds, waiting or processed, before <c>SendAsync</c> waits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 1,000,000.</exception>
    public int BoundedCapacity
    {
        get => _boundedCapacity;
        init => _boundedCapacity = OptionGuard.InRange(value, 1, 1_000_000, nameof(BoundedCapacity));
    }

    /// <summary>Aborts the block: buffered batches are dropped and <see cref="Dataflow.MarketBatchBlock.Completion"/> ends as canceled.</summary>
    public CancellationToken CancellationToken { get; init; }
}
