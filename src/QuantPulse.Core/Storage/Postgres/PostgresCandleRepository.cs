using System.Globalization;
using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>
/// The <c>candles</c> table in PostgreSQL. Candles are bulk-copied (binary COPY) into a temporary table, then
/// inserted with <c>ON CONFLICT DO NOTHING</c>, so a candle already stored is never written twice.
/// </summary>
internal sealed class PostgresCandleRepository(NpgsqlDataSource dataSource) : ICandleRepository
{
    private const string Columns = "symbol, timeframe, open_time, open, high, low, close, volume, ticks";

    private const string StageSql = "CREATE TEMPORARY TABLE candles_incoming (LIKE candles) ON COMMIT DROP";

    private const string CopySql = $"COPY candles_incoming ({Columns}) FROM STDIN (FORMAT BINARY)";

    private const string MergeSql = $"""
        INSERT INTO candles ({Columns})
        SELECT {Columns} FROM candles_incoming
        ON CONFLICT (symbol, timeframe, open_time) DO NOTHING
        """;

    private const string RangeSql = $"""
        SELECT {Columns} FROM candles
        WHERE symbol = @Symbol AND timeframe = @Timeframe AND open_time >= @From AND open_time < @To
        ORDER BY open_time
        """;

    private const string LatestSql = $"""
        SELECT {Columns} FROM candles
        WHERE symbol = @Symbol AND timeframe = @Timeframe
        ORDER BY open_time DESC
        LIMIT 1
        """;

    public async Task<int> SaveAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        foreach (var candle in candles)
        {
            StorageFormat.CheckStorable(candle);
        }

        if (candles.Count == 0)
        {
            return 0;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(StageSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await CopyAsync(connection, candles, cancellationToken).ConfigureAwait(false);
                var inserted = await connection.ExecuteAsync(new CommandDefinition(MergeSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return inserted;
            }
        }
    }

    public Task<IReadOnlyList<Candle>> GetRangeAsync(
        string symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        StorageFormat.CheckRange(from, to, nameof(to));
        return QueryAsync(
            RangeSql,
            new { Symbol = symbol, Timeframe = timeframe.Name, From = StorageTime.Truncate(from), To = StorageTime.Truncate(to) },
            cancellationToken);
    }

    public async Task<Candle?> GetLatestAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var found = await QueryAsync(LatestSql, new { Symbol = symbol, Timeframe = timeframe.Name }, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var c in candles)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Symbol, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Timeframe.Name, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(StorageTime.Truncate(c.OpenTime), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Open, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.High, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Low, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Close, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Volume, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.TickCount, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Candle Read(DbDataReader r) => new(
        r.GetString(0),
        Timeframe.Parse(r.GetString(1), CultureInfo.InvariantCulture),
        r.GetFieldValue<DateTimeOffset>(2),
        r.GetDecimal(3),
        r.GetDecimal(4),
        r.GetDecimal(5),
        r.GetDecimal(6),
        r.GetDecimal(7),
        r.GetInt32(8),
        IsClosed: true);

    private async Task<IReadOnlyList<Candle>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
