using System.Data.Common;
using LinqToDB;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The <c>signals</c> table: the write and the range read in plain SQL (<see cref="SqlBackend"/>), the filtered
/// queries in LINQ, the same on every backend.
/// </summary>
internal sealed class SignalTable(StoreDb db, RunTag tag) : ISignalRepository
{
    private const string Columns =
        "id, asset, timestamp, type, confidence, entry_price, stop_loss, take_profit, rr_ratio, strategy, confirmations";

    public Task<int> SaveAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return Task.FromResult(0);
        }

        // Signals are immutable: a stored id is skipped (one bulk insert-if-absent).
        var rows = signals.Select(ToRow).ToList();
        return db.InTransactionAsync(session => db.InsertNewAsync(session, rows, cancellationToken), cancellationToken);
    }

    public Task<Signal?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var scope = tag.Scope;
        return db.SingleAsync(c => c.GetTable<SignalRow>().Where(s => s.RunScope == scope && s.Id == id), FromRow, cancellationToken);
    }

    public Task<IReadOnlyList<Signal>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default)
    {
        StorageFormat.CheckRange(from, to, nameof(to));
        var (where, values) = StoreQuery.Range(db, tag, "\"timestamp\"", from, to, asset);
        return db.QueryAsync($"SELECT {Columns} FROM signals WHERE {where} ORDER BY \"timestamp\", {db.Sql.Ordinal("id")}", Read, cancellationToken, values);
    }

    public Task<IReadOnlyList<Signal>> QueryAsync(SignalStoreFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        var scope = tag.Scope;
        var type = filter.Type is { } t ? StorageFormat.ToText(t) : null;
        return db.ListAsync(
            c =>
            {
                var rows = c.GetTable<SignalRow>().Where(s => s.RunScope == scope);
                if (StoreQuery.Bound(filter.From) is { } first)
                {
                    rows = rows.Where(s => s.Timestamp >= first);
                }

                if (StoreQuery.Bound(filter.To) is { } end)
                {
                    rows = rows.Where(s => s.Timestamp < end);
                }

                if (filter.Asset is { } asset)
                {
                    rows = rows.Where(s => s.Asset == asset);
                }

                if (StoreQuery.Folded(filter.Strategy) is { } strategy)
                {
                    rows = rows.Where(s => Sql.Upper(s.Strategy) == strategy);
                }

                if (type is not null)
                {
                    rows = rows.Where(s => s.Type == type);
                }

                return rows
                    .OrderByDescending(s => s.Timestamp)
                    .ThenByOrdinalDescending(s => s.Id, db)
                    .Skip(filter.Offset)
                    .Take(filter.Limit);
            },
            FromRow,
            cancellationToken);
    }

    private SignalRow ToRow(Signal s) => new()
    {
        RunScope = tag.Scope,
        Id = s.Id,
        RunId = tag.RunId,
        Asset = s.Asset,
        Timestamp = StorageTime.Truncate(s.Timestamp),
        Type = StorageFormat.ToText(s.Type),
        Confidence = s.Confidence,
        EntryPrice = s.Entry,
        StopLoss = s.StopLoss,
        TakeProfit = s.TakeProfit,
        RrRatio = s.RrRatio,
        Strategy = s.Strategy,
        Confirmations = StorageFormat.ToJson(s.Confirmations),
    };

    /// <summary>A row of the plain-SQL reads, its columns in the order of <see cref="Columns"/>.</summary>
    private Signal Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        db.Sql.GetTime(r, 2),
        StorageFormat.ParseSignalType(r.GetString(3)),
        r.GetDouble(4),
        db.Sql.GetDecimal(r, 5),
        db.Sql.GetDecimal(r, 6),
        db.Sql.GetDecimal(r, 7),
        r.GetDouble(8),
        r.GetString(9),
        StorageFormat.ConfirmationsFromJson(r.GetString(10)));

    private static Signal FromRow(SignalRow r) => new(
        r.Id,
        r.Asset,
        r.Timestamp,
        StorageFormat.ParseSignalType(r.Type),
        r.Confidence,
        r.EntryPrice,
        r.StopLoss,
        r.TakeProfit,
        r.RrRatio,
        r.Strategy,
        StorageFormat.ConfirmationsFromJson(r.Confirmations));
}
