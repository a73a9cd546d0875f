using System.Diagnostics.CodeAnalysis;
using LinqToDB;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>signals</c> table, the same LINQ on every backend.</summary>
internal sealed class SignalTable(StoreDb db, RunTag tag) : ISignalRepository
{
    // The row initializer below is an expression tree that names SignalRow's setters; linq2db reads it back to the properties.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(SignalRow))]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "SignalRow's properties are kept by the DynamicDependency above.")]
    public Task<int> SaveAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (signals.Count == 0)
        {
            return Task.FromResult(0);
        }

        // Signals are immutable: a stored id is skipped (one bulk insert-if-absent).
        var rows = signals.Select(ToRow).ToList();
        return db.InTransactionAsync(connection => db.InsertNewAsync(connection, rows, cancellationToken), cancellationToken);
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
        var (first, end, scope) = (StorageTime.Truncate(from), StorageTime.Truncate(to), tag.Scope);
        return db.ListAsync(
            c => c.GetTable<SignalRow>()
                .Where(s => s.RunScope == scope && s.Timestamp >= first && s.Timestamp < end && (asset == null || s.Asset == asset))
                .OrderBy(s => s.Timestamp)
                .ThenByOrdinal(s => s.Id, db),
            FromRow,
            cancellationToken);
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
