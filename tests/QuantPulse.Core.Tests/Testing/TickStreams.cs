using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Tests.Testing;

/// <summary>Helpers to read a source in a test and to compare tick streams and the candles they make.</summary>
public static class TickStreams
{
    /// <summary>Reads until <paramref name="count"/> ticks arrived (then stops the source), or fails after a generous safety timeout.</summary>
    public static async Task<List<Tick>> CollectAsync(ITickSource source, int count, Action<List<Tick>>? onTick = null)
    {
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ticks = new List<Tick>(count);
        await foreach (var tick in source.ReadAsync(safety.Token))
        {
            ticks.Add(tick);
            onTick?.Invoke(ticks);
            if (ticks.Count == count)
            {
                break;
            }
        }

        return ticks;
    }

    /// <summary>Reads in the background until <paramref name="stop"/> is cancelled; the task returns what was read.</summary>
    public static Task<List<Tick>> DrainAsync(ITickSource source, CancellationToken stop, Action<List<Tick>>? onTick = null) => Task.Run(async () =>
    {
        var ticks = new List<Tick>();
        try
        {
            await foreach (var tick in source.ReadAsync(stop))
            {
                lock (ticks)
                {
                    ticks.Add(tick);
                }

                onTick?.Invoke(ticks);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return ticks;
    });

    /// <summary>The ticks of each symbol, in order, reduced to what a candle or a replay sees.</summary>
    public static Dictionary<string, List<(DateTimeOffset Time, decimal Price, decimal Size)>> BySymbol(IEnumerable<Tick> ticks) =>
        ticks.GroupBy(t => t.Symbol).ToDictionary(g => g.Key, g => g.Select(t => (t.Time, t.Price, t.Size)).ToList());

    /// <summary>One-minute OHLC per symbol, by a plain group-by on the minute.</summary>
    public static List<(string Symbol, DateTimeOffset Minute, decimal Open, decimal High, decimal Low, decimal Close, int Count)> MinuteCandles(IEnumerable<Tick> ticks) =>
        [.. ticks
            .GroupBy(t => (t.Symbol, Minute: new DateTimeOffset(t.Time.UtcTicks - (t.Time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero)))
            .Select(g => (g.Key.Symbol, g.Key.Minute, g.First().Price, g.Max(t => t.Price), g.Min(t => t.Price), g.Last().Price, g.Count()))
            .OrderBy(c => c.Symbol, StringComparer.Ordinal)
            .ThenBy(c => c.Minute)];
}
