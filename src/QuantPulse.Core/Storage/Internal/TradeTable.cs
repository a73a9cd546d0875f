using System.Data.Common;
using LinqToDB;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The <c>trades</c> table: the writes and the range read in plain SQL (<see cref="SqlBackend"/>), the filtered
/// queries in LINQ, the same on every backend.
/// </summary>
internal sealed class TradeTable(StoreDb db, RunTag tag) : ITradeRepository
{
    private const string Columns =
        "id, signal_id, asset, entry_price, stop_loss, take_profit, open_time, close_time, result, duration_seconds, movement_percentage, close_price";

    private const string CloseSql = """
        UPDATE trades SET close_time = @close_time, result = @result, duration_seconds = @duration_seconds,
            movement_percentage = @movement_percentage, close_price = @close_price
        WHERE run_scope = @run_scope AND id = @id AND result IS NULL
        """;

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
            async session =>
            {
                // A stored row that is closed is final: only an open one takes the close, so the few closes of trades
                // stored open are updated one by one; every other row is inserted if its id is new, in bulk (a stored
                // open trade given its open again changes nothing).
                var storedOpen = rows.Any(r => r.Result is not null)
                    ? (await session.ListAsync(
                        "SELECT id FROM trades WHERE run_scope = @scope AND result IS NULL",
                        r => r.GetString(0),
                        cancellationToken,
                        ("scope", scope)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal)
                    : [];
                var inserts = new List<TradeRow>(rows.Count);
                foreach (var row in rows)
                {
                    if (row.Result is null || !storedOpen.Contains(row.Id))
                    {
                        inserts.Add(row);
                        continue;
                    }

                    await session.ExecuteAsync(
                        CloseSql,
                        cancellationToken,
                        ("close_time", row.CloseTime is { } close ? db.Sql.Time(close) : null),
                        ("result", row.Result),
                        ("duration_seconds", row.DurationSeconds),
                        ("movement_percentage", row.MovementPercentage),
                        ("close_price", row.ClosePrice is { } price ? db.Sql.Decimal(price) : null),
                        ("run_scope", row.RunScope),
                        ("id", row.Id)).ConfigureAwait(false);
                }

                await db.InsertNewAsync(session, inserts, cancellationToken).ConfigureAwait(false);
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
        var (where, values) = StoreQuery.Range(db, tag, "open_time", from, to, asset);
        return db.QueryAsync($"SELECT {Columns} FROM trades WHERE {where} ORDER BY open_time, {db.Sql.Ordinal("id")}", Read, cancellationToken, values);
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

    /// <summary>A row of the plain-SQL reads, its columns in the order of <see cref="Columns"/>.</summary>
    private Trade Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        StorageFormat.DirectionOf(db.Sql.GetDecimal(r, 3), db.Sql.GetDecimal(r, 5)),
        db.Sql.GetDecimal(r, 3),
        db.Sql.GetDecimal(r, 4),
        db.Sql.GetDecimal(r, 5),
        db.Sql.GetTime(r, 6))
    {
        CloseTime = db.Sql.GetNullableTime(r, 7),
        Result = StorageFormat.ParseTradeResult(r.IsDBNull(8) ? null : r.GetString(8)),
        DurationSeconds = r.IsDBNull(9) ? null : r.GetDouble(9),
        MovementPercentage = r.IsDBNull(10) ? null : r.GetDouble(10),
        ClosePrice = db.Sql.GetNullableDecimal(r, 11),
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
