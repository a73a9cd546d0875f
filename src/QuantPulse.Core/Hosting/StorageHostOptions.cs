using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Where candles, signals, trades (and optionally ticks) are kept (<c>QuantPulse:Storage</c>).</summary>
/// <remarks>
/// The default is an embedded SQLite file in the data directory (<see cref="QuantPulseOptions.DataDirectory"/>). A
/// store that cannot be reached at start-up because of a connection failure (PostgreSQL not up yet) is retried with
/// the same back-off as failed writes. For PostgreSQL set <c>Provider</c> to
/// <c>Postgres</c> and the connection string through the environment
/// (<c>QuantPulse__Storage__ConnectionString</c>), never in a committed file.
/// </remarks>
public sealed class StorageHostOptions
{
    private static readonly SinkBlockOptions SinkDefaults = new();

    /// <summary>Whether the pipeline persists anything. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The store, by the name it was registered under: <c>Sqlite</c> (default) or <c>Postgres</c>, in any case, or a
    /// store added with <c>AddMarketStore</c>. Each store binds its own keys of this section (<c>Path</c> for SQLite,
    /// <c>ConnectionString</c> for PostgreSQL).
    /// </summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>Whether raw ticks are stored too (large). Default: false.</summary>
    public bool StoreTicks { get; set; }

    /// <summary>Items per write: a write happens at this many items or <see cref="FlushInterval"/>, whichever first (see <see cref="SinkBlockOptions"/>).</summary>
    public int BatchSize { get; set; } = SinkDefaults.BatchSize;

    /// <summary>The longest an accepted item waits before it is written (see <see cref="SinkBlockOptions"/>).</summary>
    public TimeSpan FlushInterval { get; set; } = SinkDefaults.FlushInterval;

    /// <summary>The wait after the first failed write or connection attempt; it doubles with each further failure (see <see cref="SinkBlockOptions"/>).</summary>
    public TimeSpan InitialRetryDelay { get; set; } = SinkDefaults.InitialRetryDelay;

    /// <summary>The longest wait between two attempts (see <see cref="SinkBlockOptions"/>).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = SinkDefaults.MaxRetryDelay;

    /// <summary>How many times a write, or opening the store at start-up, is retried before the host stops with the error. Default: empty, retry for ever.</summary>
    public int? MaxRetryAttempts { get; set; } = SinkDefaults.MaxRetryAttempts;

    internal SinkBlockOptions ToSinkOptions(TimeProvider timeProvider) => new()
    {
        BatchSize = BatchSize,
        FlushInterval = FlushInterval,
        StoreTicks = StoreTicks,
        InitialRetryDelay = InitialRetryDelay,
        MaxRetryDelay = MaxRetryDelay,
        MaxRetryAttempts = MaxRetryAttempts,
        TimeProvider = timeProvider,
    };
}
