namespace QuantPulse.Model;

/// <summary>Which side of the book initiated a trade, when the venue reports it.</summary>
public enum AggressorSide
{
    /// <summary>The venue does not say (quotes, synthetic indices, recorded files).</summary>
    Unknown = 0,

    /// <summary>The buyer took liquidity (a buy market order lifted the offer).</summary>
    Buy = 1,

    /// <summary>The seller took liquidity (a sell market order hit the bid).</summary>
    Sell = 2,
}
