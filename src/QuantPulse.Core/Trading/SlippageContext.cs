namespace QuantPulse.Trading;

/// <summary>What a slippage model sees of one fill.</summary>
/// <param name="Order">The order being filled.</param>
/// <param name="Quantity">The fill's quantity.</param>
/// <param name="Price">The tick price the fill starts from.</param>
public sealed record SlippageContext(Order Order, decimal Quantity, decimal Price);
