using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>Stores and reads simulated <see cref="Trade"/>s (table <c>trades</c>).</summary>
/// <remarks>
/// <para>
/// A trade is written when it opens and written again when it closes (an upsert by id). A closed trade is
/// final: upserting a trade whose stored row is already closed changes nothing, so an open event that is
/// retried after its close can never reopen it.
/// </para>
/// <para>
/// The direction is not a column: it is derived when a trade is loaded (<c>take_profit &gt; entry_price</c>
/// means <see cref="SignalType.Buy"/>, otherwise <see cref="SignalType.Sell"/>), which holds for
/// every trade the simulator opens because its target lies on the profitable side of the entry.
/// Implementations are thread-safe.
/// </para>
/// </remarks>
public interface ITradeRepository
{
    /// <summary>Inserts new trades and updates stored open trades (typically with their close), in one transaction.</summary>
    /// <param name="trades">The trades as they stand now; the last occurrence of an id wins.</param>
    /// <param name="cancellationToken">Aborts the write (the transaction rolls back).</param>
    /// <returns>A task that completes when the trades are stored.</returns>
    Task UpsertAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken = default);

    /// <summary>Reads one trade.</summary>
    /// <param name="id">The trade id.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The trade, or <c>null</c> when no trade has that id.</returns>
    Task<Trade?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reads every trade that has not closed, oldest first: what a restarted simulator must keep watching.</summary>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The open trades, by open time then id.</returns>
    Task<IReadOnlyList<Trade>> GetOpenTradesAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the trades opened in <c>[from, to)</c>, oldest first (ties by id).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <param name="asset">Only this asset, or every asset when <c>null</c>.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The trades.</returns>
    Task<IReadOnlyList<Trade>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the trades <paramref name="filter"/> selects, newest open time first (ties by id, descending), one page:
    /// every part of the filter runs in the store's query, the strategy through the signal that opened each trade.
    /// </summary>
    /// <param name="filter">Open-time range, asset, strategy, result, open or closed, and page.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>At most <see cref="StoreFilter.Limit"/> trades, after skipping <see cref="StoreFilter.Offset"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The offset or limit is negative.</exception>
    /// <exception cref="ArgumentException">The range ends before it starts.</exception>
    Task<IReadOnlyList<Trade>> QueryAsync(TradeStoreFilter filter, CancellationToken cancellationToken = default);
}
