namespace QuantPulse.Trading;

/// <summary>The pre-trade rule that refused an order; its wire name starts the order's reject reason.</summary>
public enum RiskRule
{
    /// <summary>The request itself is malformed (quantity, prices, bracket levels).</summary>
    InvalidOrder,

    /// <summary>The symbol is not on the allow-list.</summary>
    SymbolAllowList,

    /// <summary>No tick for the symbol within the stale-feed window.</summary>
    StaleFeed,

    /// <summary>Too many open orders.</summary>
    MaxOpenOrders,

    /// <summary>The position after the fill would be larger than allowed.</summary>
    MaxPositionSize,

    /// <summary>The order's notional is larger than allowed.</summary>
    MaxNotional,

    /// <summary>The broker's venue refused the order.</summary>
    Venue,
}
