using System.Data.Common;
using Dapper;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>trades</c> table, the same for every backend but for its SQL and value forms.</summary>
internal sealed class TradeTable(StorageDialect db, TradeSql sql, RunTag tag) : ITradeRepository
{
    public Task UpsertAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (trades.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = trades.Select(t => new
        {
            t.Id,
            t.SignalId,
            t.Asset,
            EntryPrice = db.Decimal(t.EntryPrice),
            StopLoss = db.Decimal(t.StopLoss),
            TakeProfit = db.Decimal(t.TakeProfit),
            OpenTime = db.Time(t.OpenTime),
            CloseTime = db.Time(t.CloseTime),
            Result = StorageFormat.ToText(t.Result),
            t.DurationSeconds,
            t.MovementPercentage,
            ClosePrice = db.Decimal(t.ClosePrice),
            tag.RunId,
            tag.Scope,
        }).ToList();
        return db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql.Upsert, rows, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public Task<Trade?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return db.QuerySingleAsync(sql.Get, new { Id = id, tag.Scope }, Read, cancellationToken);
    }

    public Task<IReadOnlyList<Trade>> GetOpenTradesAsync(CancellationToken cancellationToken = default) =>
        db.QueryAsync(sql.Open, new { tag.Scope }, Read, cancellationToken);

    public Task<IReadOnlyList<Trade>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default)
    {
        StorageFormat.CheckRange(from, to, nameof(to));
        return db.QueryAsync(sql.Range, new { From = db.Time(from), To = db.Time(to), Asset = asset, tag.Scope }, Read, cancellationToken);
    }

    private Trade Read(DbDataReader r)
    {
        var entry = db.ReadDecimal(r, 3);
        var takeProfit = db.ReadDecimal(r, 5);
        return new Trade(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            StorageFormat.DirectionOf(entry, takeProfit),
            entry,
            db.ReadDecimal(r, 4),
            takeProfit,
            db.ReadTime(r, 6))
        {
            CloseTime = db.ReadNullableTime(r, 7),
            Result = StorageFormat.ParseTradeResult(r.IsDBNull(8) ? null : r.GetString(8)),
            DurationSeconds = r.IsDBNull(9) ? null : r.GetDouble(9),
            MovementPercentage = r.IsDBNull(10) ? null : r.GetDouble(10),
            ClosePrice = db.ReadNullableDecimal(r, 11),
        };
    }
}
