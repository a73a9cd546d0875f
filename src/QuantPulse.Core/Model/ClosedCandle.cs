namespace QuantPulse.Model;

/// <summary>A closed candle at its place in the tick stream, with the indicator values computed on it.</summary>
/// <param name="Candle">The closed candle.</param>
/// <param name="Position">
/// How many ticks of the enclosing <see cref="MarketBatch"/> came before the close: a candle closed by the
/// first tick of a later bucket sits just before that tick; a candle closed by a heartbeat sits after every tick.
/// </param>
public sealed record ClosedCandle(Candle Candle, int Position)
{
    /// <summary>The indicator values on this candle, once the indicator stage has run; <c>null</c> before.</summary>
    public IndicatorValues? Indicators { get; init; }
}
