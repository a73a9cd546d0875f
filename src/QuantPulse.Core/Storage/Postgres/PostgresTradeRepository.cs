using System.Data.Common;
using Dapper;
using Npgsql;
using QuantPulse.Simulation;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>The <c>trades</c> table in PostgreSQL.</summary>
internal sealed class PostgresTradeRepository(NpgsqlDataSource dataSource) : ITradeRepository
{
    private const string Columns =
        "id, signal_id, asset, entry_price, stop_loss, take_profit, open_time, close_time, result, duration_seconds, movement_percentage, close_price";

    // A stored row that is closed is final: the WHERE keeps a late open event from reopening it.
    private const string UpsertSql = $"""
        INSERT INTO trades ({Columns})
        VALUES (@Id, @SignalId, @Asset, @EntryPrice, @StopLoss, @TakeProfit, @OpenTime, @CloseTime, @Result, @DurationSeconds, @MovementPercentage, @ClosePrice)
        ON CONFLICT (id) DO UPDATE SET
            close_time = excluded.close_time,
            result = excluded.result,
            duration_seconds = excluded.duration_seconds,
            movement_percentage = excluded.movement_percentage,
            close_price = excluded.close_price
        WHERE trades.result IS NULL
        """;

    private const string GetSql = $"SELECT {Columns} FROM trades WHERE id = @Id";

    private const string OpenSql = $"SELECT {Columns} FROM trades WHERE result IS NULL ORDER BY open_time, id COLLATE \"C\"";

    private const string RangeSql = $"""
        SELECT {Columns} FROM trades
        WHERE open_time >= @From AND open_time < @To AND (@Asset IS NULL OR asset = @Asset)
        ORDER BY open_time, id COLLATE "C"
        """;

    public async Task UpsertAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (trades.Count == 0)
        {
            return;
        }

        var rows = trades.Select(t => new
        {
            t.Id,
            t.SignalId,
            t.Asset,
            t.EntryPrice,
            t.StopLoss,
            t.TakeProfit,
            OpenTime = StorageTime.Truncate(t.OpenTime),
            CloseTime = t.CloseTime is { } close ? StorageTime.Truncate(close) : (DateTimeOffset?)null,
            Result = StorageFormat.ToText(t.Result),
            t.DurationSeconds,
            t.MovementPercentage,
            t.ClosePrice,
        }).ToList();

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(UpsertSql, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<Trade?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = await QueryAsync(GetSql, new { Id = id }, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Trade>> GetOpenTradesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(OpenSql, null, cancellationToken);

    public Task<IReadOnlyList<Trade>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default)
    {
        StorageFormat.CheckRange(from, to, nameof(to));
        return QueryAsync(RangeSql, new { From = StorageTime.Truncate(from), To = StorageTime.Truncate(to), Asset = asset }, cancellationToken);
    }

    private static Trade Read(DbDataReader r)
    {
        var entry = r.GetDecimal(3);
        var takeProfit = r.GetDecimal(5);
        return new Trade(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            StorageFormat.DirectionOf(entry, takeProfit),
            entry,
            r.GetDecimal(4),
            takeProfit,
            r.GetFieldValue<DateTimeOffset>(6))
        {
            CloseTime = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
            Result = StorageFormat.ParseTradeResult(r.IsDBNull(8) ? null : r.GetString(8)),
            DurationSeconds = r.IsDBNull(9) ? null : r.GetDouble(9),
            MovementPercentage = r.IsDBNull(10) ? null : r.GetDouble(10),
            ClosePrice = r.IsDBNull(11) ? null : r.GetDecimal(11),
        };
    }

    private async Task<IReadOnlyList<Trade>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
