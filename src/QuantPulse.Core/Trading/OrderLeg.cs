namespace QuantPulse.Trading;

/// <summary>The part an order plays in a bracket.</summary>
public enum OrderLeg
{
    /// <summary>A stand-alone order, or a bracket's entry.</summary>
    None,

    /// <summary>The take-profit exit of a bracket (a limit order).</summary>
    TakeProfit,

    /// <summary>The stop-loss exit of a bracket (a stop order).</summary>
    StopLoss,
}
