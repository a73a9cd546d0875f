using System.Runtime.CompilerServices;
using QuantPulse.Internal;
using QuantPulse.Model;
using QuantPulse.Pipeline.Internal;

namespace QuantPulse.Pipeline;

/// <summary>Settings of a <see cref="MarketPipeline"/> that are not owned by one stage, checked when set.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="MaxBatchSize"/></term><description>512 ticks (1 to the large-object-heap limit, about 750)</description></item>
/// <item><term><see cref="HeartbeatInterval"/></term><description>1 s (more than zero, at most a day)</description></item>
/// <item><term><see cref="CloseDelay"/></term><description>2 s (zero to a day)</description></item>
/// <item><term><see cref="CloseCandlesAtEnd"/></term><description>false</description></item>
/// <item><term><see cref="BoundedCapacity"/></term><description>64 batches (1 to 1,000,000) for the consumer stage</description></item>
/// <item><term><see cref="ObserverBufferSize"/></term><description>1024 batches (1 to 1,000,000) per observer</description></item>
/// <item><term><see cref="TimeProvider"/></term><description><see cref="TimeProvider.System"/></description></item>
/// </list>
/// </remarks>
public sealed class MarketPipelineOptions
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    private readonly int _maxBatchSize = 512;
    private readonly TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _closeDelay = TimeSpan.FromSeconds(2);
    private readonly int _boundedCapacity = 64;
    private readonly int _observerBufferSize = 1024;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The most ticks moved between stages in one message.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1, or so large the batch array would land on the large-object heap.</exception>
    public int MaxBatchSize
    {
        get => _maxBatchSize;
        init => _maxBatchSize = OptionGuard.InRange(value, 1, 84_000 / Unsafe.SizeOf<Tick>(), nameof(MaxBatchSize));
    }

    /// <summary>How often the clock is consulted to close quiet buckets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or more than a day.</exception>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        init => _heartbeatInterval = OptionGuard.InRange(value, TimeSpan.FromTicks(1), MaxInterval, nameof(HeartbeatInterval));
    }

    /// <summary>
    /// How far the clock-driven close stays behind the clock, so a tick stamped just before a bucket end that
    /// arrives a little after it still finds its bucket open.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than a day.</exception>
    public TimeSpan CloseDelay
    {
        get => _closeDelay;
        init => _closeDelay = OptionGuard.InRange(value, TimeSpan.Zero, MaxInterval, nameof(CloseDelay));
    }

    /// <summary>
    /// Whether the end of the source closes the candles still forming: right for a finished recording (the CLI
    /// and back-tests), wrong for a live feed that merely stopped.
    /// </summary>
    public bool CloseCandlesAtEnd { get; init; }

    /// <summary>How many batches the consumer stage buffers before the pipeline slows down.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 1,000,000.</exception>
    public int BoundedCapacity
    {
        get => _boundedCapacity;
        init => _boundedCapacity = OptionGuard.InRange(value, 1, 1_000_000, nameof(BoundedCapacity));
    }

    /// <summary>
    /// How many batches an observer of <see cref="MarketPipeline.Updates"/> may fall behind before its oldest
    /// pending batches are dropped (and counted); observers never slow the pipeline.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 1,000,000.</exception>
    public int ObserverBufferSize
    {
        get => _observerBufferSize;
        init => _observerBufferSize = OptionGuard.InRange(value, 1, 1_000_000, nameof(ObserverBufferSize));
    }

    /// <summary>The pipeline clock, used for heartbeats.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    internal TickSourcePumpOptions ToPumpOptions() => new()
    {
        MaxBatchSize = MaxBatchSize,
        HeartbeatInterval = HeartbeatInterval,
        CloseDelay = CloseDelay,
        CloseCandlesAtEnd = CloseCandlesAtEnd,
        TimeProvider = TimeProvider,
    };
}
