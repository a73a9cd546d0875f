using QuantPulse.Model;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// Straightforward LINQ versions of candle building, written independently of the production code, to check it.
/// </summary>
public static class CandleOracle
{
    /// <summary>
    /// Groups in-order ticks of one symbol by bucket: open is the first tick, close the last, high/low the
    /// extremes, volume the sum of sizes. Every bucket is returned as closed.
    /// </summary>
    public static List<Candle> FromTicks(IEnumerable<Tick> ticks, Timeframe timeframe) =>
        [.. ticks
            .GroupBy(t => (t.Symbol, Start: timeframe.BucketStart(t.Time)))
            .OrderBy(g => g.Key.Start)
            .Select(g => new Candle(
                g.Key.Symbol,
                timeframe,
                g.Key.Start,
                g.First().Price,
                g.Max(t => t.Price),
                g.Min(t => t.Price),
                g.Last().Price,
                g.Sum(t => t.Size),
                g.Count(),
                IsClosed: true))];

    /// <summary>Aggregates closed candles of a shorter timeframe into <paramref name="timeframe"/> buckets.</summary>
    public static List<Candle> Aggregate(IEnumerable<Candle> shorter, Timeframe timeframe) =>
        [.. shorter
            .GroupBy(c => (c.Symbol, Start: timeframe.BucketStart(c.OpenTime)))
            .OrderBy(g => g.Key.Start)
            .Select(g => new Candle(
                g.Key.Symbol,
                timeframe,
                g.Key.Start,
                g.OrderBy(c => c.OpenTime).First().Open,
                g.Max(c => c.High),
                g.Min(c => c.Low),
                g.OrderBy(c => c.OpenTime).Last().Close,
                g.Sum(c => c.Volume),
                g.Sum(c => c.TickCount),
                IsClosed: true))];
}
