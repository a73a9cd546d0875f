using QuantPulse.Internal;

namespace QuantPulse.Storage;

/// <summary>Settings of a <see cref="SinkBlock"/>, fixed when the block is constructed.</summary>
/// <remarks>
/// <para>Every property is checked when it is set. The block copies the options in its constructor.</para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="BatchSize"/></term><description>1,000 items (1 to 1,000,000)</description></item>
/// <item><term><see cref="FlushInterval"/></term><description>1 s (1 ms to 1 h)</description></item>
/// <item><term><see cref="BufferCapacity"/></term><description>100,000 items (1 to 100,000,000)</description></item>
/// <item><term><see cref="BoundedCapacity"/></term><description>4 batches (at least 1; never unbounded)</description></item>
/// <item><term><see cref="InitialRetryDelay"/></term><description>100 ms (1 ms to 1 h)</description></item>
/// <item><term><see cref="MaxRetryDelay"/></term><description>30 s (1 ms to 1 h; at least <see cref="InitialRetryDelay"/> in effect)</description></item>
/// <item><term><see cref="MaxRetryAttempts"/></term><description><c>null</c>: retry for ever (0 to <see cref="int.MaxValue"/>)</description></item>
/// <item><term><see cref="StoreTicks"/></term><description><c>false</c></description></item>
/// <item><term><see cref="TimeProvider"/></term><description><see cref="TimeProvider.System"/></description></item>
/// <item><term><see cref="CancellationToken"/></term><description><see cref="CancellationToken.None"/></description></item>
/// </list>
/// </remarks>
public sealed class SinkBlockOptions
{
    private static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    private readonly int _batchSize = 1_000;
    private readonly TimeSpan _flushInterval = TimeSpan.FromSeconds(1);
    private readonly int _bufferCapacity = 100_000;
    private readonly int _boundedCapacity = 4;
    private readonly TimeSpan _initialRetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly int? _maxRetryAttempts;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>A write starts as soon as this many items (candles, signals, trade events and ticks together) wait.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 1,000,000.</exception>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = OptionGuard.InRange(value, 1, 1_000_000, nameof(BatchSize));
    }

    /// <summary>A write starts at the latest when the oldest waiting item has waited this long.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 ms or above an hour.</exception>
    public TimeSpan FlushInterval
    {
        get => _flushInterval;
        init => _flushInterval = OptionGuard.InRange(value, MinDelay, MaxDelay, nameof(FlushInterval));
    }

    /// <summary>
    /// How many accepted items may wait to be written (including the write in progress) before the block stops
    /// accepting batches. The batch that fills the buffer is still taken whole, so the backlog can exceed this by
    /// one batch; after that, upstream <c>SendAsync</c> calls wait. Nothing accepted is ever dropped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100,000,000.</exception>
    public int BufferCapacity
    {
        get => _bufferCapacity;
        init => _bufferCapacity = OptionGuard.InRange(value, 1, 100_000_000, nameof(BufferCapacity));
    }

    /// <summary>How many batches wait in the block's input queue before upstream <c>SendAsync</c> calls wait.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 (unbounded is not allowed).</exception>
    public int BoundedCapacity
    {
        get => _boundedCapacity;
        init => _boundedCapacity = OptionGuard.InRange(value, 1, int.MaxValue, nameof(BoundedCapacity));
    }

    /// <summary>The wait after the first failed write; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 ms or above an hour.</exception>
    public TimeSpan InitialRetryDelay
    {
        get => _initialRetryDelay;
        init => _initialRetryDelay = OptionGuard.InRange(value, MinDelay, MaxDelay, nameof(InitialRetryDelay));
    }

    /// <summary>The longest wait between two attempts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1 ms or above an hour.</exception>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        init => _maxRetryDelay = OptionGuard.InRange(value, MinDelay, MaxDelay, nameof(MaxRetryDelay));
    }

    /// <summary>
    /// How many times one write is retried before the block gives up and faults (loudly: the fault reaches
    /// <see cref="SinkBlock.Completion"/> and the pipeline). <c>null</c>, the default, retries for ever, logging each failure.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int? MaxRetryAttempts
    {
        get => _maxRetryAttempts;
        init => _maxRetryAttempts = value is { } v ? OptionGuard.InRange(v, 0, int.MaxValue, nameof(MaxRetryAttempts)) : null;
    }

    /// <summary>Whether every tick of each batch is stored as well (table <c>ticks</c>).</summary>
    public bool StoreTicks { get; init; }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): initial × 2^(attempt−1), capped at the maximum.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var max = MaxRetryDelay < InitialRetryDelay ? InitialRetryDelay : MaxRetryDelay;
        var scaled = InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40));
        return scaled >= max.Ticks ? max : TimeSpan.FromTicks((long)scaled);
    }

    /// <summary>The clock behind <see cref="FlushInterval"/> and the retry delays.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        init => _timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    }

    /// <summary>Aborts the block: waiting items are dropped (and logged) and <see cref="SinkBlock.Completion"/> ends as canceled.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>A copy that the block keeps for itself.</summary>
    internal SinkBlockOptions Clone() => (SinkBlockOptions)MemberwiseClone();
}
