using System.Diagnostics.CodeAnalysis;
using LinqToDB;
using LinqToDB.Async;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>trades</c> table, the same LINQ on every backend.</summary>
internal sealed class TradeTable(StoreDb db, RunTag tag) : ITradeRepository
{
    // The row initializer below is an expression tree that names TradeRow's setters; linq2db reads it back to the properties.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(TradeRow))]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "TradeRow's properties are kept by the DynamicDependency above.")]
    public Task UpsertAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (trades.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = Final(trades).Select(ToRow).ToList();
        var scope = tag.Scope;
        return db.InTransactionAsync(
            async connection =>
            {
                // A stored row that is closed is final: only an open one takes the close, so the few closes of trades
                // stored open are updated one by one; every other row is inserted if its id is new, in bulk (a stored
                // open trade given its open again changes nothing).
                var table = connection.GetTable<TradeRow>();
                var storedOpen = rows.Any(r => r.Result is not null)
                    ? (await AsyncExtensions.ToListAsync(table.Where(t => t.RunScope == scope && t.Result == null).Select(t => t.Id), cancellationToken).ConfigureAwait(false))
                        .ToHashSet(StringComparer.Ordinal)
                    : [];
                var inserts = new List<TradeRow>(rows.Count);
                foreach (var row in rows)
                {
                    if (row.Result is null || !storedOpen.Contains(row.Id))
                    {
                        inserts.Add(row);
                        continue;
                    }

                    await table
                        .Where(t => t.RunScope == row.RunScope && t.Id == row.Id && t.Result == null)
                        .Set(t => t.CloseTime, row.CloseTime)
                        .Set(t => t.Result, row.Result)
                        .Set(t => t.DurationSeconds, row.DurationSeconds)
                        .Set(t => t.MovementPercentage, row.MovementPercentage)
                        .Set(t => t.ClosePrice, row.ClosePrice)
                        .UpdateAsync(cancellationToken).ConfigureAwait(false);
                }

                await db.InsertNewAsync(connection, inserts, cancellationToken).ConfigureAwait(false);
                return rows.Count;
            },
            cancellationToken);
    }

    /// <summary>
    /// One state per trade id, as writing the events one after another would leave it: the first close of a trade
    /// wins (a closed trade is final), else its first open.
    /// </summary>
    private static List<Trade> Final(IReadOnlyList<Trade> trades)
    {
        var index = new Dictionary<string, int>(trades.Count, StringComparer.Ordinal);
        var final = new List<Trade>(trades.Count);
        foreach (var trade in trades)
        {
            if (!index.TryAdd(trade.Id, final.Count))
            {
                var at = index[trade.Id];
                if (final[at].IsOpen && !trade.IsOpen)
                {
                    final[at] = trade;
                }

                continue;
            }

            final.Add(trade);
        }

        return final;
    }

    public Task<Trade?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var scope = tag.Scope;
        return db.SingleAsync(c => c.GetTable<TradeRow>().Where(t => t.RunScope == scope && t.Id == id), FromRow, cancellationToken);
    }

    public Task<IReadOnlyList<Trade>> GetOpenTradesAsync(CancellationToken cancellationToken = default)
    {
        var scope = tag.Scope;
        return db.ListAsync(
            c => c.GetTable<TradeRow>()
                .Where(t => t.RunScope == scope && t.Result == null)
                .OrderBy(t => t.OpenTime)
                .ThenByOrdinal(t => t.Id, db),
            FromRow,
            cancellationToken);
    }

    public Task<IReadOnlyList<Trade>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default)
    {
        StorageFormat.CheckRange(from, to, nameof(to));
        var (first, end, scope) = (StorageTime.Truncate(from), StorageTime.Truncate(to), tag.Scope);
        return db.ListAsync(
            c => c.GetTable<TradeRow>()
                .Where(t => t.RunScope == scope && t.OpenTime >= first && t.OpenTime < end && (asset == null || t.Asset == asset))
                .OrderBy(t => t.OpenTime)
                .ThenByOrdinal(t => t.Id, db),
            FromRow,
            cancellationToken);
    }

    public Task<IReadOnlyList<Trade>> QueryAsync(TradeStoreFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        var scope = tag.Scope;
        var result = StorageFormat.ToText(filter.Result);
        return db.ListAsync(
            c =>
            {
                var rows = c.GetTable<TradeRow>().Where(t => t.RunScope == scope);
                if (StoreQuery.Bound(filter.From) is { } first)
                {
                    rows = rows.Where(t => t.OpenTime >= first);
                }

                if (StoreQuery.Bound(filter.To) is { } end)
                {
                    rows = rows.Where(t => t.OpenTime < end);
                }

                if (filter.Asset is { } asset)
                {
                    rows = rows.Where(t => t.Asset == asset);
                }

                if (StoreQuery.Folded(filter.Strategy) is { } strategy)
                {
                    // The strategy is the one of the signal that opened the trade, in the trade's own scope.
                    var signals = c.GetTable<SignalRow>();
                    rows = rows.Where(t => signals.Any(s => s.RunScope == t.RunScope && s.Id == t.SignalId && Sql.Upper(s.Strategy) == strategy));
                }

                if (result is not null)
                {
                    rows = rows.Where(t => t.Result == result);
                }

                if (filter.Open is { } open)
                {
                    rows = open ? rows.Where(t => t.Result == null) : rows.Where(t => t.Result != null);
                }

                return rows
                    .OrderByDescending(t => t.OpenTime)
                    .ThenByOrdinalDescending(t => t.Id, db)
                    .Skip(filter.Offset)
                    .Take(filter.Limit);
            },
            FromRow,
            cancellationToken);
    }

    private TradeRow ToRow(Trade t) => new()
    {
        RunScope = tag.Scope,
        Id = t.Id,
        RunId = tag.RunId,
        SignalId = t.SignalId,
        Asset = t.Asset,
        EntryPrice = t.EntryPrice,
        StopLoss = t.StopLoss,
        TakeProfit = t.TakeProfit,
        OpenTime = StorageTime.Truncate(t.OpenTime),
        CloseTime = t.CloseTime is { } close ? StorageTime.Truncate(close) : null,
        Result = StorageFormat.ToText(t.Result),
        DurationSeconds = t.DurationSeconds,
        MovementPercentage = t.MovementPercentage,
        ClosePrice = t.ClosePrice,
    };

    private static Trade FromRow(TradeRow r) => new(
        r.Id,
        r.SignalId,
        r.Asset,
        StorageFormat.DirectionOf(r.EntryPrice, r.TakeProfit),
        r.EntryPrice,
        r.StopLoss,
        r.TakeProfit,
        r.OpenTime)
    {
        CloseTime = r.CloseTime,
        Result = StorageFormat.ParseTradeResult(r.Result),
        DurationSeconds = r.DurationSeconds,
        MovementPercentage = r.MovementPercentage,
        ClosePrice = r.ClosePrice,
    };
}
