namespace QuantPulse.Indicators;

/// <summary>How <see cref="Atr"/> forms its first value.</summary>
public enum AtrSeeding
{
    /// <summary>
    /// Wilder's original seeding, as TA-Lib and Stock.Indicators do it: the first candle has no true range
    /// (there is no previous close); the first ATR, on candle <c>N + 1</c>, is the mean of the true ranges of
    /// candles 2 … N + 1.
    /// </summary>
    Wilder = 0,

    /// <summary>
    /// TradingView's <c>ta.atr</c> seeding (also LEAN's default): the first candle's true range is
    /// <c>High − Low</c>; the first ATR, on candle <c>N</c>, is the mean of the true ranges of candles 1 … N.
    /// </summary>
    TradingView = 1,
}
