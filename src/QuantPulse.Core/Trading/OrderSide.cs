namespace QuantPulse.Trading;

/// <summary>Whether an order buys or sells.</summary>
public enum OrderSide
{
    /// <summary>Buys: increases a long position or covers a short one.</summary>
    Buy,

    /// <summary>Sells: reduces a long position or opens a short one.</summary>
    Sell,
}
