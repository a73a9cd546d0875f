namespace QuantPulse.Trading;

/// <summary>Places and cancels orders, and reports orders, positions and the account.</summary>
/// <remarks>
/// Implementations are thread-safe. A refused order is not an exception: it comes back with
/// <see cref="OrderStatus.Rejected"/> and a reason that names the rule. Exceptions mean the broker could not be
/// asked (a network failure, for example).
/// </remarks>
public interface IBroker
{
    /// <summary>The broker's name (<c>paper</c>, <c>alpaca</c>).</summary>
    string Name { get; }

    /// <summary>Whether orders go to a real venue rather than the built-in paper book.</summary>
    bool IsExternal { get; }

    /// <summary>Every change of an order, as it happens.</summary>
    IObservable<Order> OrderUpdates { get; }

    /// <summary>Places an order, or returns the existing one when its client order id was seen before.</summary>
    /// <param name="request">The order.</param>
    /// <param name="cancellationToken">Aborts the call.</param>
    /// <returns>The order as placed (possibly rejected).</returns>
    Task<Order> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels an open order.</summary>
    /// <param name="orderId">The broker's order id.</param>
    /// <param name="cancellationToken">Aborts the call.</param>
    /// <returns>The order after the attempt, or null when there is no such order.</returns>
    Task<Order?> CancelOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>One order by its id.</summary>
    /// <param name="orderId">The broker's order id.</param>
    /// <param name="cancellationToken">Aborts the call.</param>
    /// <returns>The order, or null.</returns>
    Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>The orders matching <paramref name="query"/>, newest first.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Aborts the call.</param>
    /// <returns>The orders.</returns>
    Task<IReadOnlyList<Order>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default);

    /// <summary>The open positions (non-zero quantity), by symbol.</summary>
    /// <param name="cancellationToken">Aborts the call.</param>
    /// <returns>The positions.</returns>
    Task<IReadOnlyList<Position>> GetPositionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The account's balances.</summary>
    /// <param name="cancellationToken">Aborts the call.</param>
    /// <returns>The account.</returns>
    Task<Account> GetAccountAsync(CancellationToken cancellationToken = default);
}
