using LinqToDB;
using LinqToDB.Mapping;

namespace QuantPulse.Storage.Internal;

// The mapped rows of each table: column for column what the migrations create. Instants and decimals keep their
// domain types here; each backend decides their stored form (its linq2db mapping schema for the LINQ queries, its
// IColumnValues for the bulk writes). The rows that are written in bulk list their columns and values by hand
// (IStoredRow), which a unit test holds to the linq2db mapping.

/// <summary>A row of <c>signals</c>.</summary>
[Table("signals")]
internal sealed class SignalRow : IStoredRow<SignalRow>
{
    public static StoredTable Table { get; } = new(
        "signals",
        ["run_scope", "id", "run_id", "asset", "timestamp", "type", "confidence", "entry_price", "stop_loss", "take_profit", "rr_ratio", "strategy", "confirmations"]);

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

    public void WriteTo(IColumnValues values)
    {
        values.Text(RunScope);
        values.Text(Id);
        values.Text(RunId);
        values.Text(Asset);
        values.Time(Timestamp);
        values.Text(Type);
        values.Double(Confidence);
        values.Decimal(EntryPrice);
        values.Decimal(StopLoss);
        values.Decimal(TakeProfit);
        values.Double(RrRatio);
        values.Text(Strategy);
        values.Json(Confirmations);
    }
}

/// <summary>A row of <c>trades</c>.</summary>
[Table("trades")]
internal sealed class TradeRow : IStoredRow<TradeRow>
{
    public static StoredTable Table { get; } = new(
        "trades",
        ["run_scope", "id", "run_id", "signal_id", "asset", "entry_price", "stop_loss", "take_profit", "open_time", "close_time", "result", "duration_seconds", "movement_percentage", "close_price"]);

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

    public void WriteTo(IColumnValues values)
    {
        values.Text(RunScope);
        values.Text(Id);
        values.Text(RunId);
        values.Text(SignalId);
        values.Text(Asset);
        values.Decimal(EntryPrice);
        values.Decimal(StopLoss);
        values.Decimal(TakeProfit);
        values.Time(OpenTime);
        values.Time(CloseTime);
        values.Text(Result);
        values.Double(DurationSeconds);
        values.Double(MovementPercentage);
        values.Decimal(ClosePrice);
    }
}

/// <summary>A row of <c>candles</c> (or of its staging table).</summary>
[Table("candles")]
internal sealed class CandleRow : IStoredRow<CandleRow>
{
    public static StoredTable Table { get; } = new(
        "candles",
        ["symbol", "timeframe", "open_time", "open", "high", "low", "close", "volume", "ticks", "source"]);

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

    public void WriteTo(IColumnValues values)
    {
        values.Text(Symbol);
        values.Text(Timeframe);
        values.Time(OpenTime);
        values.Decimal(Open);
        values.Decimal(High);
        values.Decimal(Low);
        values.Decimal(Close);
        values.Decimal(Volume);
        values.Integer(Ticks);
        values.Text(Source);
    }
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
