using System.Data.Common;
using Dapper;
using QuantPulse.Signals;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>The <c>signals</c> table in SQLite.</summary>
internal sealed class SqliteSignalRepository(SqliteConnectionFactory connections) : ISignalRepository
{
    private const string Columns =
        "id, asset, timestamp, type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations";

    private const string InsertSql = $"""
        INSERT INTO signals ({Columns})
        VALUES (@Id, @Asset, @Timestamp, @Type, @Confidence, @EntryPrice, @StopLoss, @TakeProfit, @RrRatio, @Strategy, @Confirmations)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string GetSql = $"SELECT {Columns} FROM signals WHERE id = @Id";

    private const string RangeSql = $"""
        SELECT {Columns} FROM signals
        WHERE timestamp >= @From AND timestamp < @To AND (@Asset IS NULL OR asset = @Asset)
        ORDER BY timestamp, id
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
            Timestamp = SqliteValues.Time(s.Timestamp),
            Type = StorageFormat.ToText(s.Type),
            s.Confidence,
            EntryPrice = SqliteValues.Decimal(s.Entry),
            StopLoss = SqliteValues.Decimal(s.StopLoss),
            TakeProfit = SqliteValues.Decimal(s.TakeProfit),
            s.RrRatio,
            s.Strategy,
            Confirmations = StorageFormat.ToJson(s.Confirmations),
        }).ToList();

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
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
        return QueryAsync(RangeSql, new { From = SqliteValues.Time(from), To = SqliteValues.Time(to), Asset = asset }, cancellationToken);
    }

    private static Signal Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        SqliteValues.ParseTime(r.GetString(2)),
        StorageFormat.ParseSignalType(r.GetString(3)),
        r.GetDouble(4),
        SqliteValues.ParseDecimal(r.GetString(5)),
        SqliteValues.ParseDecimal(r.GetString(6)),
        SqliteValues.ParseDecimal(r.GetString(7)),
        r.GetDouble(8),
        r.GetString(9),
        StorageFormat.ConfirmationsFromJson(r.GetString(10)));

    private async Task<IReadOnlyList<Signal>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
