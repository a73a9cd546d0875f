namespace QuantPulse.Trading;

/// <summary>One execution of (part of) an order.</summary>
/// <param name="Id">The fill's id.</param>
/// <param name="OrderId">The order it executes.</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">How much filled; positive.</param>
/// <param name="Price">The price, slippage included.</param>
/// <param name="Fee">The fee charged for it.</param>
/// <param name="Time">When it happened (the tick's time for the paper broker).</param>
public sealed record Fill(string Id, string OrderId, string Symbol, OrderSide Side, decimal Quantity, decimal Price, decimal Fee, DateTimeOffset Time);
