using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>
/// Ticks standing in for stored candles when no ticks are stored: open, then low and high (high first on a falling
/// bar), then close carrying the bar's volume, at 0, ¼, ½ and ¾ of the bucket; the candle builder rebuilds the same bar.
/// </summary>
internal static class CandleTicks
{
    public const string Source = "candles";

    public static IReadOnlyList<Tick> From(IEnumerable<Candle> candles)
    {
        var ticks = new List<Tick>();
        foreach (var c in candles.OrderBy(c => c.OpenTime))
        {
            var quarter = c.Timeframe.Duration / 4;
            var (first, second) = c.Close >= c.Open ? (c.Low, c.High) : (c.High, c.Low);
            ticks.Add(new Tick(c.Symbol, c.OpenTime, c.Open, 0, Source));
            ticks.Add(new Tick(c.Symbol, c.OpenTime + quarter, first, 0, Source));
            ticks.Add(new Tick(c.Symbol, c.OpenTime + (2 * quarter), second, 0, Source));
            ticks.Add(new Tick(c.Symbol, c.OpenTime + (3 * quarter), c.Close, c.Volume, Source));
        }

        return ticks;
    }
}
