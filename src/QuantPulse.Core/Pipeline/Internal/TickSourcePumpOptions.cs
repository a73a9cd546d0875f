using System.Runtime.CompilerServices;
using QuantPulse.Internal;
using QuantPulse.Model;

namespace QuantPulse.Pipeline.Internal;

/// <summary>Settings of a <see cref="TickSourcePump"/>, checked when set.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="MaxBatchSize"/></term><description>512 ticks (1 to <see cref="MaxBatchSizeLimit"/>)</description></item>
/// <item><term><see cref="HeartbeatInterval"/></term><description>1 s (more than zero, at most a day)</description></item>
/// <item><term><see cref="CloseDelay"/></term><description>2 s (zero to a day)</description></item>
/// <item><term><see cref="CloseCandlesAtEnd"/></term><description>false</description></item>
/// <item><term><see cref="TimeProvider"/></term><description><see cref="TimeProvider.System"/></description></item>
/// </list>
/// </remarks>
internal sealed class TickSourcePumpOptions
{
    /// <summary>The largest batch whose tick array stays below the large-object-heap threshold (85,000 bytes).</summary>
    public static readonly int MaxBatchSizeLimit = 84_000 / Unsafe.SizeOf<Tick>();

    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    private readonly int _maxBatchSize = 512;
    private readonly TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _closeDelay = TimeSpan.FromSeconds(2);
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The most ticks in one batch; a partial batch is sent whenever the source would block.</summary>
    public int MaxBatchSize
    {
        get => _maxBatchSize;
        init => _maxBatchSize = OptionGuard.InRange(value, 1, MaxBatchSizeLimit, nameof(MaxBatchSize));
    }

    /// <summary>How often a heartbeat is sent: alone while the source is idle, or with the next batch when busy.</summary>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        init => _heartbeatInterval = OptionGuard.InRange(value, TimeSpan.FromTicks(1), MaxInterval, nameof(HeartbeatInterval));
    }

    /// <summary>
    /// How far a heartbeat stays behind the clock, so a tick stamped just before a bucket end that arrives a
    /// little after it still finds its bucket open.
    /// </summary>
    public TimeSpan CloseDelay
    {
        get => _closeDelay;
        init => _closeDelay = OptionGuard.InRange(value, TimeSpan.Zero, MaxInterval, nameof(CloseDelay));
    }

    /// <summary>
    /// Whether the end of the source closes every forming candle (<see cref="TickBatch.EndOfStream"/>): right for a
    /// finished recording, wrong for a live feed that merely stopped.
    /// </summary>
    public bool CloseCandlesAtEnd { get; init; }

    /// <summary>The pipeline clock.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }
}
