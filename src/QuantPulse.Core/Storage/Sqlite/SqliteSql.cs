using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>Every SQLite statement of the repositories, table by table.</summary>
/// <remarks>
/// Instants are fixed-width ISO-8601 UTC text and decimals exact text (see <see cref="SqliteValues"/>), so
/// comparisons on times are text comparisons and ordering by <c>id</c> is binary (ordinal).
/// </remarks>
internal static class SqliteSql
{
    private const string SignalColumns =
        "id, asset, timestamp, type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations";

    private const string TradeColumns =
        "id, signal_id, asset, entry_price, stop_loss, take_profit, open_time, close_time, result, duration_seconds, movement_percentage, close_price";

    private const string CandleColumns = "symbol, timeframe, open_time, open, high, low, close, volume, ticks";

    public static SignalSql Signals { get; } = new(
        Insert: $"""
            INSERT INTO signals ({SignalColumns}, run_id, run_scope)
            VALUES (@Id, @Asset, @Timestamp, @Type, @Confidence, @EntryPrice, @StopLoss, @TakeProfit, @RrRatio, @Strategy, @Confirmations, @RunId, @Scope)
            ON CONFLICT (run_scope, id) DO NOTHING
            """,
        Get: $"SELECT {SignalColumns} FROM signals WHERE run_scope = @Scope AND id = @Id",
        Range: $"""
            SELECT {SignalColumns} FROM signals
            WHERE timestamp >= @From AND timestamp < @To AND (@Asset IS NULL OR asset = @Asset) AND run_scope = @Scope
            ORDER BY timestamp, id
            """);

    // A stored row that is closed is final: the WHERE keeps a late open event from reopening it.
    public static TradeSql Trades { get; } = new(
        Upsert: $"""
            INSERT INTO trades ({TradeColumns}, run_id, run_scope)
            VALUES (@Id, @SignalId, @Asset, @EntryPrice, @StopLoss, @TakeProfit, @OpenTime, @CloseTime, @Result, @DurationSeconds, @MovementPercentage, @ClosePrice, @RunId, @Scope)
            ON CONFLICT (run_scope, id) DO UPDATE SET
                close_time = excluded.close_time,
                result = excluded.result,
                duration_seconds = excluded.duration_seconds,
                movement_percentage = excluded.movement_percentage,
                close_price = excluded.close_price
            WHERE trades.result IS NULL
            """,
        Get: $"SELECT {TradeColumns} FROM trades WHERE run_scope = @Scope AND id = @Id",
        Open: $"SELECT {TradeColumns} FROM trades WHERE result IS NULL AND run_scope = @Scope ORDER BY open_time, id",
        Range: $"""
            SELECT {TradeColumns} FROM trades
            WHERE open_time >= @From AND open_time < @To AND (@Asset IS NULL OR asset = @Asset) AND run_scope = @Scope
            ORDER BY open_time, id
            """);

    public static CandleSql Candles { get; } = new(
        Range: $"""
            SELECT {CandleColumns} FROM candles
            WHERE symbol = @Symbol AND timeframe = @Timeframe AND open_time >= @From AND open_time < @To
            ORDER BY open_time
            """,
        Latest: $"""
            SELECT {CandleColumns} FROM candles
            WHERE symbol = @Symbol AND timeframe = @Timeframe
            ORDER BY open_time DESC
            LIMIT 1
            """);

    public static TickSql Ticks { get; } = new(
        Range: """
            SELECT symbol, time, price, size, source FROM ticks
            WHERE symbol = @Symbol AND time >= @From AND time < @To
            ORDER BY time, seq
            """);

    /// <summary>The UTC hour is read straight from the fixed-width time text.</summary>
    public static StatisticsDialect Statistics { get; } = new(
        Overall: "''",
        HourOfOpenTime: "CAST(substr(t.open_time, 12, 2) AS INTEGER)");

    // A closed candle never changes: a key already stored is skipped, never overwritten.
    public const string InsertCandle = $"""
        INSERT OR IGNORE INTO candles ({CandleColumns})
        VALUES ($symbol, $timeframe, $open_time, $open, $high, $low, $close, $volume, $ticks)
        """;

    // A tick whose key (symbol, time, seq) is stored already comes from a batch written again: skip it.
    public const string InsertTick = "INSERT OR IGNORE INTO ticks (symbol, time, price, size, source, seq) VALUES ($symbol, $time, $price, $size, $source, $seq)";
}
