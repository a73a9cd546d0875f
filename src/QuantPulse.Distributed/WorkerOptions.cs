namespace QuantPulse.Distributed;

/// <summary>Settings of a pipeline worker (<see cref="PartitionWorker"/>).</summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="PartitionCount"/></term><description>16 (must equal the ingest role's)</description></item>
/// <item><term><see cref="MaxPartitions"/></term><description>all of them</description></item>
/// <item><term><see cref="LeaseDuration"/></term><description>10 s; renewed every third of it</description></item>
/// <item><term><see cref="ReadBatchSize"/></term><description>500 entries per <c>XREADGROUP</c></description></item>
/// <item><term><see cref="PollInterval"/></term><description>50 ms between reads of an empty stream</description></item>
/// <item><term><see cref="EventsMaxLength"/></term><description>100,000 entries in the events stream (<c>MAXLEN ~</c>); 0 publishes no events</description></item>
/// </list>
/// </remarks>
public sealed class WorkerOptions
{
    /// <summary>This worker's name: its consumer name in the groups and the owner in its leases. Unique per process.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How many tick streams there are.</summary>
    public int PartitionCount { get; init; } = 16;

    /// <summary>How many partitions this worker owns at most; the others are left to other workers.</summary>
    public int MaxPartitions { get; init; } = int.MaxValue;

    /// <summary>How long a partition stays owned without renewal: how soon a dead worker's partitions are taken over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many entries one read takes.</summary>
    public int ReadBatchSize { get; init; } = 500;

    /// <summary>How long to wait before reading an empty stream again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the events stream may grow before Redis trims it; 0 turns publishing off.</summary>
    public long EventsMaxLength { get; init; } = 100_000;

    /// <summary>The PostgreSQL database of the partition journal (the same database as the market store).</summary>
    public string JournalConnectionString { get; init; } = string.Empty;

    /// <summary>The key prefix.</summary>
    public StreamKeys Keys { get; init; } = new();

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(WorkerId, nameof(WorkerId));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPartitions, 1, nameof(MaxPartitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromMilliseconds(300), nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadBatchSize, 1, nameof(ReadBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(PollInterval, TimeSpan.FromMilliseconds(1), nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(EventsMaxLength, nameof(EventsMaxLength));
        ArgumentException.ThrowIfNullOrWhiteSpace(JournalConnectionString, nameof(JournalConnectionString));
        ArgumentNullException.ThrowIfNull(Keys, nameof(Keys));
    }
}
