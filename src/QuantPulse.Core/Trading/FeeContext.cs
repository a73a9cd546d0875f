namespace QuantPulse.Trading;

/// <summary>What a fee model sees of one fill.</summary>
/// <param name="Order">The order being filled (before this fill).</param>
/// <param name="Quantity">The fill's quantity.</param>
/// <param name="Price">The fill's price, slippage included.</param>
public sealed record FeeContext(Order Order, decimal Quantity, decimal Price)
{
    /// <summary>Whether this is the order's first fill (a per-order fee is charged once, here).</summary>
    public bool IsFirstFill => Order.FilledQuantity == 0m;
}
