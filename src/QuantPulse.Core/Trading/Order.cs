namespace QuantPulse.Trading;

/// <summary>A snapshot of an order as the broker sees it.</summary>
/// <param name="Id">The broker's id.</param>
/// <param name="ClientOrderId">The client's id (unique per broker).</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit, stop or stop-limit.</param>
/// <param name="Quantity">The ordered quantity.</param>
/// <param name="TimeInForce">How long it works.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="CreatedAt">When the broker received it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Order(
    string Id,
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    TimeInForce TimeInForce,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The limit price, for limit and stop-limit orders.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The stop price, for stop and stop-limit orders.</summary>
    public decimal? StopPrice { get; init; }

    /// <summary>Whether a stop or stop-limit order's stop has been reached.</summary>
    public bool StopTriggered { get; init; }

    /// <summary>The bracket's take-profit level (on the entry order).</summary>
    public decimal? TakeProfit { get; init; }

    /// <summary>The bracket's stop-loss level (on the entry order).</summary>
    public decimal? StopLoss { get; init; }

    /// <summary>The entry order of a bracket exit, or null.</summary>
    public string? ParentId { get; init; }

    /// <summary>The part this order plays in a bracket.</summary>
    public OrderLeg Leg { get; init; }

    /// <summary>How much has filled.</summary>
    public decimal FilledQuantity { get; init; }

    /// <summary>The quantity-weighted average fill price, or null before the first fill.</summary>
    public decimal? AverageFillPrice { get; init; }

    /// <summary>The fees charged on this order's fills.</summary>
    public decimal Fees { get; init; }

    /// <summary>Why the order was rejected (naming the rule that refused it), canceled or expired; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Why the order was rejected, or null when it was not.</summary>
    public string? RejectReason => Status == OrderStatus.Rejected ? Reason : null;

    /// <summary>The quantity still to fill.</summary>
    public decimal RemainingQuantity => Quantity - FilledQuantity;

    /// <summary>Whether the order can still fill (new, accepted or partially filled).</summary>
    public bool IsOpen => Status is OrderStatus.New or OrderStatus.Accepted or OrderStatus.PartiallyFilled;
}
