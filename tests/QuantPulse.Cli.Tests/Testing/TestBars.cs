using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>Seeded random-walk daily bars for the indicator command tests, as CSV lines and as candles.</summary>
public static class TestBars
{
    /// <summary>The header <see cref="Lines"/> writes.</summary>
    public const string Header = "date,open,high,low,close,volume";

    /// <summary><paramref name="count"/> bars, one a day from 2024-01-01, prices with two decimals around 100.</summary>
    public static IReadOnlyList<Candle> RandomWalk(int count, int seed, string symbol = "T")
    {
        var random = new Random(seed);
        var bars = new List<Candle>(count);
        var close = 100m;
        for (var i = 0; i < count; i++)
        {
            var open = close;
            close = Math.Max(1m, Math.Round(open + ((decimal)random.NextDouble() * 4m) - 2m, 2));
            var high = Math.Max(open, close) + Math.Round((decimal)random.NextDouble(), 2);
            var low = Math.Max(0.5m, Math.Min(open, close) - Math.Round((decimal)random.NextDouble(), 2));
            var volume = random.Next(1_000, 1_000_000);
            bars.Add(new Candle(symbol, Timeframe.OneDay, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), open, high, low, close, volume, 1, IsClosed: true));
        }

        return bars;
    }

    /// <summary>The CSV lines of <paramref name="bars"/> with <see cref="Header"/>; dates as <c>yyyy-MM-dd</c> unless <paramref name="time"/> formats them.</summary>
    public static string[] Lines(IReadOnlyList<Candle> bars, Func<DateTimeOffset, string>? time = null) =>
    [
        Header,
        .. bars.Select(b => string.Join(
            ',',
            time?.Invoke(b.OpenTime) ?? b.OpenTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Text(b.Open),
            Text(b.High),
            Text(b.Low),
            Text(b.Close),
            Text(b.Volume))),
    ];

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
