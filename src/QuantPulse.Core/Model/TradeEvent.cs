namespace QuantPulse.Model;

/// <summary>A trade opened or closed at a tick of the stream.</summary>
/// <param name="Trade">The trade as it stands after the event (closed fields set for <see cref="TradeEventKind.Closed"/>).</param>
/// <param name="Kind">Opened or closed.</param>
/// <param name="Position">The index in <see cref="MarketBatch.Ticks"/> of the tick that caused the event.</param>
public sealed record TradeEvent(Trade Trade, TradeEventKind Kind, int Position);
