using QuantPulse.Model;

namespace QuantPulse.Analytics;

/// <summary>Aligns the closed candles of several series on their open time.</summary>
public static class CandleAlignment
{
    /// <summary>
    /// The inner join of several candle series on <see cref="Candle.OpenTime"/>: only closed candles, and only the
    /// open times every series has; the closes of each series at those times.
    /// </summary>
    /// <param name="series">The candle series (any order within each; open candles are left out).</param>
    /// <returns>The common open times, ascending, and one close array per series in the order given.</returns>
    /// <exception cref="ArgumentException">No series is given, or a series holds two closed candles with one open time.</exception>
    public static AlignedCloses InnerJoin(IReadOnlyList<IReadOnlyList<Candle>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("At least one series is needed.", nameof(series));
        }

        var maps = new List<Dictionary<DateTimeOffset, double>>(series.Count);
        foreach (var candles in series)
        {
            var map = new Dictionary<DateTimeOffset, double>();
            foreach (var candle in candles.Where(c => c.IsClosed))
            {
                if (!map.TryAdd(candle.OpenTime, (double)candle.Close))
                {
                    throw new ArgumentException($"Two closed candles of {candle.Symbol} open at {candle.OpenTime:O}.", nameof(series));
                }
            }

            maps.Add(map);
        }

        var times = maps[0].Keys.Where(t => maps.All(m => m.ContainsKey(t))).Order().ToArray();
        var closes = maps.Select(m => times.Select(t => m[t]).ToArray()).ToArray();
        return new AlignedCloses(times, closes);
    }
}

/// <summary>Closes of several series at their common open times.</summary>
/// <param name="Times">The open times every series has, ascending.</param>
/// <param name="Closes">One array per series, each aligned with <paramref name="Times"/>.</param>
public sealed record AlignedCloses(IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<double[]> Closes);
