using System.Globalization;
using System.Text.Json;
using QuantPulse.Model;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// Reads the peers' indicator vectors in <c>../shared/reference/vectors</c> in place: Stock.Indicators'
/// <c>default.csv</c> quotes with their <c>*.standard.json</c> results, and LEAN's CSV/TXT files.
/// </summary>
public static class PeerVectors
{
    private static readonly Lazy<Candle[]> Quotes = new(LoadQuotes);

    /// <summary>Stock.Indicators' 502 daily SPY quotes (<c>default.csv</c>) as closed one-day candles.</summary>
    public static IReadOnlyList<Candle> SkQuotes => Quotes.Value;

    /// <summary>One field of a Stock.Indicators result file, one entry per quote (null during warm-up).</summary>
    public static IReadOnlyList<double?> SkField(string file, string field)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReferenceData.PathOf("vectors", file)));
        var rows = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(SkQuotes.Count, rows.Length);
        var values = new double?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var timestamp = DateTime.Parse(rows[i].GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(SkQuotes[i].OpenTime.UtcDateTime, timestamp);
            var cell = rows[i].GetProperty(field);
            values[i] = cell.ValueKind == JsonValueKind.Null ? null : cell.GetDouble();
        }

        return values;
    }

    /// <summary>A LEAN reference file (candles plus expected columns).</summary>
    public static TableFile Lean(string file) => TableFile.Load(ReferenceData.PathOf("vectors", file));

    private static Candle[] LoadQuotes()
    {
        var lines = File.ReadAllLines(ReferenceData.PathOf("vectors", "default.csv"));
        Assert.Equal("date,open,high,low,close,volume", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            var date = DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new Candle(
                "SPY",
                Timeframe.OneDay,
                new DateTimeOffset(date, TimeSpan.Zero),
                TestCandles.ParsePrice(f[1]),
                TestCandles.ParsePrice(f[2]),
                TestCandles.ParsePrice(f[3]),
                TestCandles.ParsePrice(f[4]),
                TestCandles.ParsePrice(f[5]),
                TickCount: 1,
                IsClosed: true);
        }).ToArray();
    }
}
