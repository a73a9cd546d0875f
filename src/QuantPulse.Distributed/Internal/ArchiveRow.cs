using LinqToDB.Mapping;

namespace QuantPulse.Distributed.Internal;

/// <summary>A row of <c>tick_archive</c>: one tick of a tick stream, keyed by symbol, time and stream entry id.</summary>
[Table("tick_archive")]
internal sealed class ArchiveRow : TickValueColumns
{
    [Column("symbol"), PrimaryKey(0), NotNull]
    public string Symbol { get; set; } = string.Empty;

    [Column("time", DbType = "timestamptz"), PrimaryKey(1)]
    public DateTimeOffset Time { get; set; }

    [Column("entry_ms"), PrimaryKey(2)]
    public long EntryMs { get; set; }

    [Column("entry_seq"), PrimaryKey(3)]
    public long EntrySeq { get; set; }
}

/// <summary>The time span of one symbol's ticks in the batch being written: what its aggregates recompute.</summary>
[Table("archive_touched")]
internal sealed class TouchedRow
{
    [Column("symbol"), NotNull]
    public string Symbol { get; set; } = string.Empty;

    [Column("first_time", DbType = "timestamptz")]
    public DateTimeOffset FirstTime { get; set; }

    [Column("last_time", DbType = "timestamptz")]
    public DateTimeOffset LastTime { get; set; }
}

/// <summary>A row of <c>tick_candles</c>: an aggregate candle built from the archive.</summary>
[Table("tick_candles")]
internal sealed class ArchiveCandleRow
{
    [Column("symbol"), PrimaryKey(0), NotNull]
    public string Symbol { get; set; } = string.Empty;

    [Column("timeframe"), PrimaryKey(1), NotNull]
    public string Timeframe { get; set; } = string.Empty;

    [Column("open_time", DbType = "timestamptz"), PrimaryKey(2)]
    public DateTimeOffset OpenTime { get; set; }

    [Column("open")]
    public decimal Open { get; set; }

    [Column("high")]
    public decimal High { get; set; }

    [Column("low")]
    public decimal Low { get; set; }

    [Column("close")]
    public decimal Close { get; set; }

    [Column("volume")]
    public decimal Volume { get; set; }

    [Column("ticks")]
    public int Ticks { get; set; }
}
