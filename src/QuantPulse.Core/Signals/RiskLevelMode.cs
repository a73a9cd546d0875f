namespace QuantPulse.Signals;

/// <summary>How a stop-loss or take-profit distance from the entry is measured.</summary>
public enum RiskLevelMode
{
    /// <summary>A multiple of the average true range (TradingView seeding) of the signal's series.</summary>
    Atr = 0,

    /// <summary>A fixed percentage of the entry price.</summary>
    Percent = 1,
}
