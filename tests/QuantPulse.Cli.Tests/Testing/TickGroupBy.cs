using System.Globalization;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>
/// An independent oracle for <c>quantpulse candles</c>: reads a tick CSV with plain string splitting and builds
/// the expected output rows with a LINQ group-by, without any QuantPulse code.
/// </summary>
public static class TickGroupBy
{
    private static readonly Dictionary<string, long> Seconds = new(StringComparer.Ordinal)
    {
        ["1s"] = 1, ["1m"] = 60, ["5m"] = 300, ["15m"] = 900, ["30m"] = 1800, ["1h"] = 3600, ["4h"] = 14_400, ["1d"] = 86_400,
    };

    /// <summary>
    /// Reads a tick CSV with a header naming <c>time</c>/<c>epoch</c>, <c>symbol</c>, <c>price</c> and optionally
    /// <c>size</c>; times are ISO-8601 with <c>Z</c> or Unix seconds. Unquoted cells only.
    /// </summary>
    public static IReadOnlyList<OracleTick> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',').Select(h => h.Trim().ToUpperInvariant()).ToList();
        var time = header.FindIndex(h => h is "TIME" or "EPOCH");
        var symbol = header.IndexOf("SYMBOL");
        var price = header.IndexOf("PRICE");
        var size = header.IndexOf("SIZE");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split(',');
            var t = cells[time].Contains('-', StringComparison.Ordinal)
                ? DateTimeOffset.Parse(cells[time], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : DateTimeOffset.FromUnixTimeSeconds(long.Parse(cells[time], CultureInfo.InvariantCulture));
            return new OracleTick(
                t,
                cells[symbol],
                decimal.Parse(cells[price], CultureInfo.InvariantCulture),
                size < 0 ? 0m : decimal.Parse(cells[size], CultureInfo.InvariantCulture));
        })];
    }

    /// <summary>The expected data rows (no header), ordered by timeframe, symbol (ordinal) and time.</summary>
    public static IReadOnlyList<string> Rows(IReadOnlyList<OracleTick> ticks, params string[] timeframes) =>
    [
        .. timeframes.OrderBy(t => Seconds[t]).SelectMany(timeframe => ticks
            .GroupBy(t => (t.Symbol, Start: Floor(t.Time, Seconds[timeframe])))
            .OrderBy(bucket => bucket.Key.Symbol, StringComparer.Ordinal)
            .ThenBy(bucket => bucket.Key.Start)
            .Select(bucket => Row(timeframe, bucket.Key.Symbol, bucket.Key.Start, [.. bucket]))),
    ];

    private static string Row(string timeframe, string symbol, long start, List<OracleTick> bucket)
    {
        var byTime = bucket.OrderBy(t => t.Time).ToList(); // stable: ticks at the same time keep file order
        return string.Join(
            ',',
            symbol,
            timeframe,
            DateTimeOffset.FromUnixTimeSeconds(start).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Text(byTime[0].Price),
            Text(bucket.Max(t => t.Price)),
            Text(bucket.Min(t => t.Price)),
            Text(byTime[^1].Price),
            Text(bucket.Aggregate(0m, (sum, t) => sum + t.Size)),
            bucket.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static long Floor(DateTimeOffset time, long seconds)
    {
        var unix = time.ToUnixTimeSeconds();
        return unix - (((unix % seconds) + seconds) % seconds);
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
