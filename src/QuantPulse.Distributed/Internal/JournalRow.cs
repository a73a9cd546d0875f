using LinqToDB.Mapping;

namespace QuantPulse.Distributed.Internal;

/// <summary>A row of <c>stream_journal</c>: one applied tick, keyed by its partition and stream entry id.</summary>
[Table("stream_journal")]
internal sealed class JournalRow : TickValueColumns
{
    [Column("partition"), PrimaryKey(0)]
    public int Partition { get; set; }

    [Column("entry_ms"), PrimaryKey(1)]
    public long EntryMs { get; set; }

    [Column("entry_seq"), PrimaryKey(2)]
    public long EntrySeq { get; set; }

    [Column("symbol"), NotNull]
    public string Symbol { get; set; } = string.Empty;

    [Column("time", DbType = "timestamptz")]
    public DateTimeOffset Time { get; set; }
}
