using LinqToDB.Mapping;

namespace QuantPulse.Distributed.Internal;

/// <summary>A row of <c>stream_journal</c>: one applied tick, keyed by its partition and stream entry id.</summary>
[Table("stream_journal")]
internal sealed class JournalRow
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

    [Column("price")]
    public decimal Price { get; set; }

    [Column("size")]
    public decimal Size { get; set; }

    [Column("bid"), Nullable]
    public decimal? Bid { get; set; }

    [Column("ask"), Nullable]
    public decimal? Ask { get; set; }

    [Column("side")]
    public short Side { get; set; }

    [Column("source"), NotNull]
    public string Source { get; set; } = string.Empty;
}
