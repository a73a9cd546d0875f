using System.Globalization;
using System.Text;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>A deterministic tick file (<c>time,symbol,price,size</c>) and the candles it must produce.</summary>
public static class TickFile
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One tick every <paramref name="stepSeconds"/> seconds for <paramref name="minutes"/> minutes per symbol.</summary>
    public static IReadOnlyList<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> Ticks(
        int minutes, int stepSeconds = 10, params string[] symbols)
    {
        symbols = symbols.Length == 0 ? ["TST"] : symbols;
        var ticks = new List<(DateTimeOffset, string, decimal, decimal)>();
        for (var i = 0; i < minutes * 60 / stepSeconds; i++)
        {
            for (var s = 0; s < symbols.Length; s++)
            {
                // A wave with a drift: rises and falls enough for indicators and strategies to move.
                var price = 100m + (s * 10m) + (i % 13) - ((i % 7) * 0.75m) + (i / 20 % 5 * 1.5m);
                ticks.Add((Start.AddSeconds(i * stepSeconds), symbols[s], price, 1m + (i % 3)));
            }
        }

        return ticks;
    }

    public static string Write(string directory, IReadOnlyList<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> ticks)
    {
        var path = Path.Combine(directory, "ticks.csv");
        var text = new StringBuilder("time,symbol,price,size\n");
        foreach (var (time, symbol, price, size) in ticks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{symbol},{price},{size}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Independent oracle: 1-minute OHLCV of the ticks, in time order.</summary>
    public static IReadOnlyList<(DateTimeOffset OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, int Ticks)> MinuteCandles(
        IEnumerable<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> ticks, string symbol) =>
        [.. ticks.Where(t => t.Symbol == symbol)
            .GroupBy(t => new DateTimeOffset(t.Time.UtcTicks - (t.Time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.First().Price, g.Max(t => t.Price), g.Min(t => t.Price), g.Last().Price, g.Sum(t => t.Size), g.Count()))];
}
