namespace QuantPulse.Candles;

/// <summary>How the candle stage treats a tick that is not newer than the last tick of its symbol.</summary>
/// <remarks>
/// Protocol duplicates (the same trade delivered twice) are the source's business: sources drop them by trade
/// id or sequence number before they yield. The candle stage cannot tell a repeated delivery from a second
/// trade with the same time, price and size, so by default it keeps both.
/// </remarks>
public enum DuplicateTickPolicy
{
    /// <summary>
    /// Every valid tick for an open bucket is applied, whatever its time relative to earlier ticks. Equal
    /// trades at the same instant (common on crypto venues) all count. This is the default.
    /// </summary>
    KeepAll = 0,

    /// <summary>
    /// A tick whose time is not strictly after the last applied tick of the same symbol is dropped and counted
    /// as a duplicate. Meant for feeds that carry at most one tick per timestamp and no ids (Deriv synthetic
    /// indices), where a repeated or older timestamp can only be a re-delivery, for instance the overlap of a
    /// back-fill after a reconnect.
    /// </summary>
    DropNotNewer = 1,
}
