using System.Data.Common;
using Dapper;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>signals</c> table, the same for every backend but for its SQL and value forms.</summary>
internal sealed class SignalTable(StorageDialect db, SignalSql sql, RunTag tag) : ISignalRepository
{
    public Task<int> SaveAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return Task.FromResult(0);
        }

        var rows = signals.Select(s => new
        {
            s.Id,
            s.Asset,
            Timestamp = db.Time(s.Timestamp),
            Type = StorageFormat.ToText(s.Type),
            s.Confidence,
            EntryPrice = db.Decimal(s.Entry),
            StopLoss = db.Decimal(s.StopLoss),
            TakeProfit = db.Decimal(s.TakeProfit),
            s.RrRatio,
            s.Strategy,
            Confirmations = StorageFormat.ToJson(s.Confirmations),
            tag.RunId,
            tag.Scope,
        }).ToList();
        return db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql.Insert, rows, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public Task<Signal?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return db.QuerySingleAsync(sql.Get, new { Id = id, tag.Scope }, Read, cancellationToken);
    }

    public Task<IReadOnlyList<Signal>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default)
    {
        StorageFormat.CheckRange(from, to, nameof(to));
        return db.QueryAsync(sql.Range, new { From = db.Time(from), To = db.Time(to), Asset = asset, tag.Scope }, Read, cancellationToken);
    }

    private Signal Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        db.ReadTime(r, 2),
        StorageFormat.ParseSignalType(r.GetString(3)),
        r.GetDouble(4),
        db.ReadDecimal(r, 5),
        db.ReadDecimal(r, 6),
        db.ReadDecimal(r, 7),
        r.GetDouble(8),
        r.GetString(9),
        StorageFormat.ConfirmationsFromJson(r.GetString(10)));
}
