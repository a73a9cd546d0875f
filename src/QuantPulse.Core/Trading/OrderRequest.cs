namespace QuantPulse.Trading;

/// <summary>What a trader asks a broker to do.</summary>
/// <remarks>
/// A request with <see cref="TakeProfit"/> and/or <see cref="StopLoss"/> is a bracket: once the entry has filled,
/// the broker places the exits for the filled quantity, one cancels the other. <see cref="ClientOrderId"/> makes a
/// retry safe: a second request with the same id returns the first order instead of placing another.
/// </remarks>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit, stop or stop-limit.</param>
/// <param name="Quantity">How much; positive.</param>
public sealed record OrderRequest(string Symbol, OrderSide Side, OrderType Type, decimal Quantity)
{
    /// <summary>The limit price; required for limit and stop-limit orders.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The stop price; required for stop and stop-limit orders.</summary>
    public decimal? StopPrice { get; init; }

    /// <summary>How long the order works; day by default.</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Day;

    /// <summary>The caller's id for idempotent retries; the broker makes one up when it is null.</summary>
    public string? ClientOrderId { get; init; }

    /// <summary>The bracket's take-profit level, or null.</summary>
    public decimal? TakeProfit { get; init; }

    /// <summary>The bracket's stop-loss level, or null.</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>Whether the request attaches bracket exits.</summary>
    public bool IsBracket => TakeProfit is not null || StopLoss is not null;
}
