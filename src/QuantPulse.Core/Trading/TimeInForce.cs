namespace QuantPulse.Trading;

/// <summary>How long an order stays working.</summary>
public enum TimeInForce
{
    /// <summary>Until the end of the UTC day it was accepted on; then it expires.</summary>
    Day,

    /// <summary>Good till canceled.</summary>
    Gtc,

    /// <summary>Immediate or cancel: fills what it can on the first tick it may trade on, the rest is canceled.</summary>
    Ioc,

    /// <summary>Fill or kill: fills completely on the first tick it may trade on, or is canceled.</summary>
    Fok,
}
