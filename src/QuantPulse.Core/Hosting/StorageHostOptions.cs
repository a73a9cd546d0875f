using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Where candles, signals, trades (and optionally ticks) are kept (<c>QuantPulse:Storage</c>).</summary>
/// <remarks>
/// The default is an embedded SQLite file next to the application. For PostgreSQL set <c>Provider</c> to
/// <c>Postgres</c> and the connection string through the environment
/// (<c>QuantPulse__Storage__ConnectionString</c>), never in a committed file.
/// </remarks>
public sealed class StorageHostOptions
{
    private static readonly SinkBlockOptions SinkDefaults = new();

    /// <summary>Whether the pipeline persists anything. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file, created on first run. Default: <c>quantpulse.db</c>.</summary>
    public string Path { get; set; } = "quantpulse.db";

    /// <summary>The PostgreSQL connection string (Npgsql syntax).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether raw ticks are stored too (large). Default: false.</summary>
    public bool StoreTicks { get; set; }

    /// <summary>Items per write: a write happens at this many items or <see cref="FlushInterval"/>, whichever first (see <see cref="SinkBlockOptions"/>).</summary>
    public int BatchSize { get; set; } = SinkDefaults.BatchSize;

    /// <summary>The longest an accepted item waits before it is written (see <see cref="SinkBlockOptions"/>).</summary>
    public TimeSpan FlushInterval { get; set; } = SinkDefaults.FlushInterval;

    internal SinkBlockOptions ToSinkOptions(TimeProvider timeProvider) => new()
    {
        BatchSize = BatchSize,
        FlushInterval = FlushInterval,
        StoreTicks = StoreTicks,
        TimeProvider = timeProvider,
    };

    internal StorageOptions ToStorageOptions() => new()
    {
        Provider = Provider,
        Path = Path,
        ConnectionString = ConnectionString,
        StoreTicks = StoreTicks,
    };
}
