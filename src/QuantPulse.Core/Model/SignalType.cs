namespace QuantPulse.Model;

/// <summary>The direction of a signal (and of the trade it opens). Stored and printed as <c>BUY</c> / <c>SELL</c>.</summary>
public enum SignalType
{
    /// <summary>Go long: profit when the price rises.</summary>
    Buy = 0,

    /// <summary>Go short: profit when the price falls.</summary>
    Sell = 1,
}
