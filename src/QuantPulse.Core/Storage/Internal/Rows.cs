using LinqToDB;
using LinqToDB.Mapping;

namespace QuantPulse.Storage.Internal;

// The mapped rows of each table: column for column what the migrations create. Instants and decimals keep their
// domain types here; each backend's mapping schema (StoreMapping) decides their stored form.

/// <summary>A row of <c>signals</c>.</summary>
[Table("signals")]
internal sealed class SignalRow
{
    [PrimaryKey(0), Column("run_scope")] public string RunScope { get; set; } = "";

    [PrimaryKey(1), Column("id")] public string Id { get; set; } = "";

    [Column("run_id")] public string RunId { get; set; } = "";

    [Column("asset")] public string Asset { get; set; } = "";

    [Column("timestamp")] public DateTimeOffset Timestamp { get; set; }

    [Column("type")] public string Type { get; set; } = "";

    [Column("confidence")] public double Confidence { get; set; }

    [Column("entry_price")] public decimal EntryPrice { get; set; }

    [Column("stop_loss")] public decimal StopLoss { get; set; }

    [Column("take_profit")] public decimal TakeProfit { get; set; }

    [Column("rr_ratio")] public double RrRatio { get; set; }

    [Column("strategy")] public string Strategy { get; set; } = "";

    [Column("confirmations", DataType = DataType.BinaryJson)] public string Confirmations { get; set; } = "[]";
}

/// <summary>A row of <c>trades</c>.</summary>
[Table("trades")]
internal sealed class TradeRow
{
    [PrimaryKey(0), Column("run_scope")] public string RunScope { get; set; } = "";

    [PrimaryKey(1), Column("id")] public string Id { get; set; } = "";

    [Column("run_id")] public string RunId { get; set; } = "";

    [Column("signal_id")] public string SignalId { get; set; } = "";

    [Column("asset")] public string Asset { get; set; } = "";

    [Column("entry_price")] public decimal EntryPrice { get; set; }

    [Column("stop_loss")] public decimal StopLoss { get; set; }

    [Column("take_profit")] public decimal TakeProfit { get; set; }

    [Column("open_time")] public DateTimeOffset OpenTime { get; set; }

    [Column("close_time")] public DateTimeOffset? CloseTime { get; set; }

    [Column("result")] public string? Result { get; set; }

    [Column("duration_seconds")] public double? DurationSeconds { get; set; }

    [Column("movement_percentage")] public double? MovementPercentage { get; set; }

    [Column("close_price")] public decimal? ClosePrice { get; set; }
}

/// <summary>A row of <c>candles</c> (or of its staging table).</summary>
[Table("candles")]
internal sealed class CandleRow
{
    [PrimaryKey(0), Column("symbol")] public string Symbol { get; set; } = "";

    [PrimaryKey(1), Column("timeframe")] public string Timeframe { get; set; } = "";

    [PrimaryKey(2), Column("open_time")] public DateTimeOffset OpenTime { get; set; }

    [Column("open")] public decimal Open { get; set; }

    [Column("high")] public decimal High { get; set; }

    [Column("low")] public decimal Low { get; set; }

    [Column("close")] public decimal Close { get; set; }

    [Column("volume")] public decimal Volume { get; set; }

    [Column("ticks")] public int Ticks { get; set; }

    [Column("source")] public string? Source { get; set; }
}

/// <summary>A row of <c>ticks</c>: the table on SQLite, the view over <c>tick_data</c> on PostgreSQL (read only there).</summary>
[Table("ticks")]
internal sealed class TickRow
{
    [PrimaryKey(0), Column("symbol")] public string Symbol { get; set; } = "";

    [PrimaryKey(1), Column("time")] public DateTimeOffset Time { get; set; }

    [PrimaryKey(2), Column("seq")] public int Seq { get; set; }

    [Column("price")] public decimal Price { get; set; }

    [Column("size")] public decimal Size { get; set; }

    [Column("source")] public string Source { get; set; } = "";
}

/// <summary>A row of <c>runs</c>.</summary>
[Table("runs")]
internal sealed class RunRow
{
    [PrimaryKey, Column("id")] public string Id { get; set; } = "";

    [Column("started")] public DateTimeOffset Started { get; set; }

    [Column("finished")] public DateTimeOffset? Finished { get; set; }

    [Column("command")] public string Command { get; set; } = "";

    [Column("parameters")] public string Parameters { get; set; } = "";

    [Column("input")] public string? Input { get; set; }

    [Column("status")] public string Status { get; set; } = "";
}
