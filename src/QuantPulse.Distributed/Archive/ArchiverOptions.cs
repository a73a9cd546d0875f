namespace QuantPulse.Distributed.Archive;

/// <summary>Settings of the archiver role (<see cref="TickArchiver"/>), bound from <see cref="SectionName"/>.</summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="BatchSize"/></term><description>5,000 rows: a batch is written when it holds this many…</description></item>
/// <item><term><see cref="FlushInterval"/></term><description>… or 500 ms after its first entry was read, whichever comes first</description></item>
/// <item><term><see cref="PollInterval"/></term><description>50 ms between reads of empty streams</description></item>
/// <item><term><see cref="ClaimIdleTime"/></term><description>60 s: pending entries idle this long (their archiver died) are taken over</description></item>
/// <item><term><see cref="ClaimInterval"/></term><description>10 s between looks for such entries</description></item>
/// <item><term><see cref="RetentionDays"/></term><description>0: keep every day; otherwise day partitions older than this many days are detached</description></item>
/// <item><term><see cref="DropDetachedPartitions"/></term><description>true: a detached partition is dropped; false keeps it as a table of its own</description></item>
/// <item><term><see cref="PartitionsAhead"/></term><description>3 days of partitions created ahead of today</description></item>
/// <item><term><see cref="MaintenanceInterval"/></term><description>1 h between partition maintenance runs</description></item>
/// <item><term><see cref="RetryDelay"/></term><description>1 s before retrying after Redis or PostgreSQL failed</description></item>
/// </list>
/// </remarks>
public sealed class ArchiverOptions
{
    /// <summary>The configuration section: <c>QuantPulse:Distributed:Archiver</c>.</summary>
    public const string SectionName = "QuantPulse:Distributed:Archiver";

    /// <summary>The PostgreSQL database of the archive (usually the market store's).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The Redis configuration string, used by <see cref="TickArchiverServiceCollectionExtensions.AddTickArchiver"/>
    /// only when no <c>IConnectionMultiplexer</c> is registered.
    /// </summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>How many tick streams there are (must equal the ingest role's).</summary>
    public int PartitionCount { get; set; } = 16;

    /// <summary>The key prefix of the streams (must equal the ingest role's).</summary>
    public string KeyPrefix { get; set; } = "qp";

    /// <summary>This archiver's consumer name in the <c>archiver</c> group. Unique per process.</summary>
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How many rows a batch holds before it is written.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>How long a batch may wait for more rows after its first entry was read.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait before reading empty streams again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long an entry stays pending with another archiver before this one takes it over.</summary>
    public TimeSpan ClaimIdleTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often to look for entries pending too long with another archiver.</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many whole days (UTC) of ticks to keep before today; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }

    /// <summary>Whether a partition detached by retention is dropped (true) or kept as a table of its own.</summary>
    public bool DropDetachedPartitions { get; set; } = true;

    /// <summary>How many daily partitions to create after today's.</summary>
    public int PartitionsAhead { get; set; } = 3;

    /// <summary>How often partitions are created ahead and retention applied.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long to wait before retrying after Redis or PostgreSQL failed.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock of retention and of the batch deadline.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal StreamKeys Keys => new(KeyPrefix);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString, nameof(ConnectionString));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 4096, nameof(PartitionCount));
        ArgumentException.ThrowIfNullOrWhiteSpace(KeyPrefix, nameof(KeyPrefix));
        ArgumentException.ThrowIfNullOrWhiteSpace(ConsumerName, nameof(ConsumerName));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(FlushInterval, TimeSpan.FromMilliseconds(1), nameof(FlushInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInterval, TimeSpan.FromMilliseconds(1), nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimIdleTime, TimeSpan.Zero, nameof(ClaimIdleTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimInterval, TimeSpan.FromMilliseconds(1), nameof(ClaimInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(RetentionDays, nameof(RetentionDays));
        ArgumentOutOfRangeException.ThrowIfNegative(PartitionsAhead, nameof(PartitionsAhead));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaintenanceInterval, TimeSpan.FromSeconds(1), nameof(MaintenanceInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
