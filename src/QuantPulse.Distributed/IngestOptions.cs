namespace QuantPulse.Distributed;

/// <summary>Settings of the ingest role (<see cref="TickIngest"/>).</summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="PartitionCount"/></term><description>16 (1 to 4096; every role must use the same)</description></item>
/// <item><term><see cref="MaxStreamLength"/></term><description>1,000,000 entries per partition (approximate trim, <c>MAXLEN ~</c>)</description></item>
/// <item><term><see cref="WriteBatchSize"/></term><description>512 ticks sent before their replies are awaited</description></item>
/// </list>
/// </remarks>
public sealed class IngestOptions
{
    /// <summary>How many tick streams there are.</summary>
    public int PartitionCount { get; init; } = 16;

    /// <summary>
    /// How long each tick stream may grow before Redis trims its oldest entries. Size it to hold what the slowest
    /// consumer (worker or archiver) may fall behind by: a trimmed entry that was never read is lost to it.
    /// </summary>
    public long MaxStreamLength { get; init; } = 1_000_000;

    /// <summary>How many <c>XADD</c>s are pipelined before their replies are awaited.</summary>
    public int WriteBatchSize { get; init; } = 512;

    /// <summary>The key prefix.</summary>
    public StreamKeys Keys { get; init; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 4096, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStreamLength, 1, nameof(MaxStreamLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(WriteBatchSize, 1, nameof(WriteBatchSize));
        ArgumentNullException.ThrowIfNull(Keys, nameof(Keys));
    }
}
