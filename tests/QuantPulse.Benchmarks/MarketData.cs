using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;

namespace QuantPulse.Benchmarks;

/// <summary>Deterministic inputs shared by the benchmarks: simulated ticks (labelled simulated) and candles.</summary>
internal static class MarketData
{
    public static readonly DateTimeOffset Start = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="ticksPerSymbol"/> ticks per symbol, one per 250 ms per symbol, interleaved in time order.</summary>
    public static Tick[] Ticks(int symbols, int ticksPerSymbol)
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = Enumerable.Range(0, symbols).Select(i => $"SIM_{i:D2}").ToArray(),
            Seed = 42,
            TicksPerSymbol = ticksPerSymbol,
            TickInterval = TimeSpan.FromMilliseconds(250),
            StartTime = Start,
            Pacing = TickPacing.AsFastAsPossible,
        });
        var ticks = new List<Tick>(symbols * ticksPerSymbol);
        var e = source.ReadAsync().GetAsyncEnumerator();
        while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            ticks.Add(e.Current with { Size = 1m });
        }

        return [.. ticks];
    }

    /// <summary>One-minute candles built from a simulated walk.</summary>
    public static Candle[] Candles(int count)
    {
        var ticks = Ticks(1, count * 4);
        var candles = new Candle[count];
        for (var i = 0; i < count; i++)
        {
            var slice = ticks.AsSpan(i * 4, 4);
            decimal high = slice[0].Price, low = slice[0].Price;
            foreach (var t in slice)
            {
                high = Math.Max(high, t.Price);
                low = Math.Min(low, t.Price);
            }

            candles[i] = new Candle("SIM_00", Timeframe.OneMinute, Start.AddMinutes(i), slice[0].Price, high, low, slice[^1].Price, 4m, 4, true);
        }

        return candles;
    }
}
