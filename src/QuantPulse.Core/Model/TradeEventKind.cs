namespace QuantPulse.Model;

/// <summary>What happened to a simulated trade.</summary>
public enum TradeEventKind
{
    /// <summary>The trade was opened at a tick.</summary>
    Opened = 0,

    /// <summary>The trade was closed at a tick (take profit, stop loss or expiry).</summary>
    Closed = 1,
}
