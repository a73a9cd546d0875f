using System.Data.Common;
using Dapper;
using QuantPulse.Simulation;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>The <c>trades</c> table in SQLite.</summary>
internal sealed class SqliteTradeRepository(SqliteConnectionFactory connections) : ITradeRepository
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

    private const string OpenSql = $"SELECT {Columns} FROM trades WHERE result IS NULL ORDER BY open_time, id";

    private const string RangeSql = $"""
        SELECT {Columns} FROM trades
        WHERE open_time >= @From AND open_time < @To AND (@Asset IS NULL OR asset = @Asset)
        ORDER BY open_time, id
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
            EntryPrice = SqliteValues.Decimal(t.EntryPrice),
            StopLoss = SqliteValues.Decimal(t.StopLoss),
            TakeProfit = SqliteValues.Decimal(t.TakeProfit),
            OpenTime = SqliteValues.Time(t.OpenTime),
            CloseTime = SqliteValues.Time(t.CloseTime),
            Result = StorageFormat.ToText(t.Result),
            t.DurationSeconds,
            t.MovementPercentage,
            ClosePrice = SqliteValues.Decimal(t.ClosePrice),
        }).ToList();

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
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
        return QueryAsync(RangeSql, new { From = SqliteValues.Time(from), To = SqliteValues.Time(to), Asset = asset }, cancellationToken);
    }

    private static Trade Read(DbDataReader r)
    {
        var entry = SqliteValues.ParseDecimal(r.GetString(3));
        var takeProfit = SqliteValues.ParseDecimal(r.GetString(5));
        return new Trade(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            StorageFormat.DirectionOf(entry, takeProfit),
            entry,
            SqliteValues.ParseDecimal(r.GetString(4)),
            takeProfit,
            SqliteValues.ParseTime(r.GetString(6)))
        {
            CloseTime = r.IsDBNull(7) ? null : SqliteValues.ParseTime(r.GetString(7)),
            Result = StorageFormat.ParseTradeResult(r.IsDBNull(8) ? null : r.GetString(8)),
            DurationSeconds = r.IsDBNull(9) ? null : r.GetDouble(9),
            MovementPercentage = r.IsDBNull(10) ? null : r.GetDouble(10),
            ClosePrice = r.IsDBNull(11) ? null : SqliteValues.ParseDecimal(r.GetString(11)),
        };
    }

    private async Task<IReadOnlyList<Trade>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
