using System.Data.Common;
using Dapper;
using Npgsql;
using QuantPulse.Signals;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>The <c>signals</c> table in PostgreSQL.</summary>
internal sealed class PostgresSignalRepository(NpgsqlDataSource dataSource) : ISignalRepository
{
    private const string Columns =
        "id, asset, \"timestamp\", type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations";

    private const string InsertSql = $"""
        INSERT INTO signals ({Columns})
        VALUES (@Id, @Asset, @Timestamp, @Type, @Confidence, @EntryPrice, @StopLoss, @TakeProfit, @RrRatio, @Strategy, @Confirmations::jsonb)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string SelectColumns =
        "id, asset, \"timestamp\", type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations::text";

    private const string GetSql = $"SELECT {SelectColumns} FROM signals WHERE id = @Id";

    private const string RangeSql = $"""
        SELECT {SelectColumns} FROM signals
        WHERE "timestamp" >= @From AND "timestamp" < @To AND (@Asset IS NULL OR asset = @Asset)
        ORDER BY "timestamp", id COLLATE "C"
        """;

    public async Task<int> SaveAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return 0;
        }

        var rows = signals.Select(s => new
        {
            s.Id,
            s.Asset,
            Timestamp = StorageTime.Truncate(s.Timestamp),
            Type = StorageFormat.ToText(s.Type),
            s.Confidence,
            EntryPrice = s.Entry,
            s.StopLoss,
            s.TakeProfit,
            s.RrRatio,
            s.Strategy,
            Confirmations = StorageFormat.ToJson(s.Confirmations),
        }).ToList();

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return inserted;
            }
        }
    }

    public async Task<Signal?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = await QueryAsync(GetSql, new { Id = id }, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Signal>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default)
    {
        StorageFormat.CheckRange(from, to, nameof(to));
        return QueryAsync(RangeSql, new { From = StorageTime.Truncate(from), To = StorageTime.Truncate(to), Asset = asset }, cancellationToken);
    }

    private static Signal Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetFieldValue<DateTimeOffset>(2),
        StorageFormat.ParseSignalType(r.GetString(3)),
        r.GetDouble(4),
        r.GetDecimal(5),
        r.GetDecimal(6),
        r.GetDecimal(7),
        r.GetDouble(8),
        r.GetString(9),
        StorageFormat.ConfirmationsFromJson(r.GetString(10)));

    private async Task<IReadOnlyList<Signal>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
