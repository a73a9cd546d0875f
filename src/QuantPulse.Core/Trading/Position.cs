namespace QuantPulse.Trading;

/// <summary>A holding in one symbol.</summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="Quantity">Positive when long, negative when short, zero when flat (realised P&amp;L kept).</param>
/// <param name="AveragePrice">The average entry price of the open quantity; zero when flat.</param>
/// <param name="RealizedPnl">P&amp;L locked in by reducing fills, before fees.</param>
/// <param name="LastPrice">The latest price seen for the symbol (the average price before any tick).</param>
public sealed record Position(string Symbol, decimal Quantity, decimal AveragePrice, decimal RealizedPnl, decimal LastPrice)
{
    /// <summary>The P&amp;L of the open quantity at <see cref="LastPrice"/>.</summary>
    public decimal UnrealizedPnl => (LastPrice - AveragePrice) * Quantity;

    /// <summary>The open quantity's value at <see cref="LastPrice"/> (negative when short).</summary>
    public decimal MarketValue => LastPrice * Quantity;
}
