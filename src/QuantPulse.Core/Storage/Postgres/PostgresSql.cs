using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>Every PostgreSQL statement of the repositories, table by table.</summary>
/// <remarks>
/// <c>timestamp</c> and <c>time</c> are quoted because they are also type names. Ids sort with
/// <c>COLLATE "C"</c> (byte order), the same order as SQLite, whatever the database's collation.
/// </remarks>
internal static class PostgresSql
{
    private const string SignalColumns =
        "id, asset, \"timestamp\", type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations";

    private const string SignalSelect =
        "SELECT id, asset, \"timestamp\", type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations::text FROM signals";

    private const string TradeColumns =
        "id, signal_id, asset, entry_price, stop_loss, take_profit, open_time, close_time, result, duration_seconds, movement_percentage, close_price";

    private const string CandleColumns = "symbol, timeframe, open_time, open, high, low, close, volume, ticks";

    public static SignalSql Signals { get; } = new(
        Insert: $"""
            INSERT INTO signals ({SignalColumns}, run_id, run_scope)
            VALUES (@Id, @Asset, @Timestamp, @Type, @Confidence, @EntryPrice, @StopLoss, @TakeProfit, @RrRatio, @Strategy, @Confirmations::jsonb, @RunId, @Scope)
            ON CONFLICT (run_scope, id) DO NOTHING
            """,
        Get: $"{SignalSelect} WHERE run_scope = @Scope AND id = @Id",
        Range: $"""
            {SignalSelect}
            WHERE "timestamp" >= @From AND "timestamp" < @To AND (@Asset IS NULL OR asset = @Asset) AND run_scope = @Scope
            ORDER BY "timestamp", id COLLATE "C"
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
        Open: $"SELECT {TradeColumns} FROM trades WHERE result IS NULL AND run_scope = @Scope ORDER BY open_time, id COLLATE \"C\"",
        Range: $"""
            SELECT {TradeColumns} FROM trades
            WHERE open_time >= @From AND open_time < @To AND (@Asset IS NULL OR asset = @Asset) AND run_scope = @Scope
            ORDER BY open_time, id COLLATE "C"
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
            SELECT symbol, "time", price, size, source FROM ticks
            WHERE symbol = @Symbol AND "time" >= @From AND "time" < @To
            ORDER BY "time", seq
            """);

    public static StatisticsDialect Statistics { get; } = new(
        Overall: "''::text",
        HourOfOpenTime: "CAST(EXTRACT(HOUR FROM t.open_time AT TIME ZONE 'UTC') AS integer)");

    // Candles go through a temporary table so that keys already stored are skipped, never overwritten.
    public const string StageCandles = "CREATE TEMPORARY TABLE candles_incoming (LIKE candles) ON COMMIT DROP";

    public const string CopyCandles = $"COPY candles_incoming ({CandleColumns}) FROM STDIN (FORMAT BINARY)";

    public const string MergeCandles = $"""
        INSERT INTO candles ({CandleColumns})
        SELECT {CandleColumns} FROM candles_incoming
        ON CONFLICT (symbol, timeframe, open_time) DO NOTHING
        """;

    // Ticks go straight into the table; only a batch that meets a stored key (a retry after a lost acknowledgement)
    // goes through a temporary table, so its stored ticks are skipped.
    public const string StageTicks = "CREATE TEMPORARY TABLE ticks_incoming (LIKE ticks) ON COMMIT DROP";

    private const string TickColumns = "symbol, \"time\", price, size, source, seq";

    public const string CopyTicks = $"COPY ticks ({TickColumns}) FROM STDIN (FORMAT BINARY)";

    public const string CopyStagedTicks = $"COPY ticks_incoming ({TickColumns}) FROM STDIN (FORMAT BINARY)";

    public const string MergeTicks = $"""
        INSERT INTO ticks ({TickColumns})
        SELECT {TickColumns} FROM ticks_incoming
        ON CONFLICT (symbol, "time", seq) DO NOTHING
        """;
}
