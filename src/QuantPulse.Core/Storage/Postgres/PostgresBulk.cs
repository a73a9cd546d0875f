using LinqToDB;
using LinqToDB.Data;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>Candle bulk writes in PostgreSQL: linq2db's provider-specific bulk copy, which is binary <c>COPY</c>.</summary>
/// <remarks>
/// <c>COPY</c> cannot skip a row whose key is stored already, so writes that must skip stored keys copy into a
/// temporary table and insert from there with <c>ON CONFLICT DO NOTHING</c>: the two statements linq2db has no LINQ for.
/// </remarks>
internal static class PostgresBulk
{
    private const string CandleColumns = "symbol, timeframe, open_time, open, high, low, close, volume, ticks, source";

    private const string StageCandles = "CREATE TEMPORARY TABLE candles_incoming (LIKE candles) ON COMMIT DROP";

    private const string MergeCandles = $"""
        INSERT INTO candles ({CandleColumns})
        SELECT {CandleColumns} FROM candles_incoming
        ON CONFLICT (symbol, timeframe, open_time) DO NOTHING
        """;

    /// <summary>Inserts the candles whose key is not stored yet; returns how many were new.</summary>
    public static async Task<int> InsertNewCandlesAsync(StoreDb db, DataConnection connection, IReadOnlyList<CandleRow> rows, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(StageCandles, cancellationToken).ConfigureAwait(false);
        await db.BulkCopyAsync(connection.GetTable<CandleRow>().TableName("candles_incoming"), rows, skipStoredKeys: false, cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(MergeCandles, cancellationToken).ConfigureAwait(false);
    }
}
