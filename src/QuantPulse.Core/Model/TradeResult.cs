namespace QuantPulse.Model;

/// <summary>How a simulated trade ended. Stored and printed as <c>WIN</c>, <c>LOSS</c> or <c>EXPIRED</c>.</summary>
public enum TradeResult
{
    /// <summary>A tick reached the take-profit level.</summary>
    Win = 0,

    /// <summary>A tick reached the stop-loss level.</summary>
    Loss = 1,

    /// <summary>The first tick at or after the expiry time closed the trade before either level was reached.</summary>
    Expired = 2,
}
