namespace QuantPulse.Trading;

/// <summary>How an order's price is decided.</summary>
public enum OrderType
{
    /// <summary>Fills at the next tick's price.</summary>
    Market,

    /// <summary>Fills when a tick reaches the limit price, at that tick's price (never worse than the limit).</summary>
    Limit,

    /// <summary>Becomes a market order when a tick reaches the stop price, and fills at that tick's price.</summary>
    Stop,

    /// <summary>Becomes a limit order when a tick reaches the stop price.</summary>
    StopLimit,
}
