using System.Globalization;
using System.Text;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>Deterministic OHLC series for upload tests: a slow wave for <c>a</c>, and <c>b ≈ 2·a</c> plus a faster wave.</summary>
public static class OhlcFile
{
    public const string Header = "symbol,timeframe,open_time,open,high,low,close,volume,ticks";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The close of bar <paramref name="i"/> of series <paramref name="leg"/> (0 = a, 1 = b), to 4 decimals.</summary>
    public static decimal Close(int leg, int i)
    {
        var a = 100 + (5 * Math.Sin(i / 17.0)) + (0.01 * i);
        var value = leg == 0 ? a : (2 * a) + (3 * Math.Sin(i / 3.1)) + (1.5 * Math.Sin(i / 7.3));
        return Math.Round((decimal)value, 4);
    }

    /// <summary>CSV rows (no header) of <paramref name="count"/> one-minute bars of <paramref name="symbol"/>.</summary>
    public static IEnumerable<string> Rows(string symbol, int leg, int count, int first = 0)
    {
        for (var i = first; i < first + count; i++)
        {
            var close = Close(leg, i);
            var open = i == 0 ? close : Close(leg, i - 1);
            var high = Math.Max(open, close) + 0.05m;
            var low = Math.Min(open, close) - 0.05m;
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"{symbol},1m,{Start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'},{open},{high},{low},{close},{10 + (i % 7)},{1 + (i % 5)}");
        }
    }

    /// <summary>A whole CSV file.</summary>
    public static string Csv(params IEnumerable<string>[] parts)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in parts.SelectMany(p => p))
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }
}
