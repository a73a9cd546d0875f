using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>A bar's prices in <see cref="double"/>: a candle's converted once, after validation (see <see cref="CandleGate"/>), or parsed straight from text.</summary>
/// <param name="Open">The open.</param>
/// <param name="High">The high.</param>
/// <param name="Low">The low.</param>
/// <param name="Close">The close.</param>
public readonly record struct PriceBar(double Open, double High, double Low, double Close)
{
    /// <summary>The prices of <paramref name="candle"/>, each converted from <see cref="decimal"/> to <see cref="double"/>.</summary>
    /// <param name="candle">The candle.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candle"/> is null.</exception>
    public static PriceBar From(Candle candle)
    {
        ArgumentNullException.ThrowIfNull(candle);
        return new PriceBar((double)candle.Open, (double)candle.High, (double)candle.Low, (double)candle.Close);
    }

    /// <summary>
    /// Whether the prices are possible, as every indicator requires (see <see cref="CandleGate"/>): a positive low,
    /// the high at or above it, the open and the close between them. False when any price is NaN.
    /// </summary>
    internal bool IsPossible => Low > 0 && High >= Low && Open >= Low && Open <= High && Close >= Low && Close <= High;
}
