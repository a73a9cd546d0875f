using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// A CSV file of candles with expected-value columns: the project's own fixtures and LEAN's reference files.
/// Column names ignore case. The time is a <c>Date</c> or <c>time</c> column: ISO (<c>2021-01-04</c>,
/// <c>2021-01-04T00:00:00Z</c>), US-style (<c>1/16/2013 12:00:00 AM</c>) or Unix seconds. A file with only a
/// close column yields candles with O = H = L = C.
/// </summary>
public sealed class TableFile
{
    private static readonly string[] DateFormats = ["M/d/yyyy h:mm:ss tt", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ"];
    private readonly Dictionary<string, int> _index;
    private readonly string[][] _rows;

    private TableFile(string path, string[] header, string[][] rows)
    {
        Path = path;
        _index = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.OrdinalIgnoreCase);
        _rows = rows;
        Candles = rows.Select(ToCandle).ToArray();
    }

    public string Path { get; }

    public IReadOnlyList<Candle> Candles { get; }

    public IReadOnlyList<string> ColumnNames => [.. _index.Keys];

    public static TableFile Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        return new TableFile(path, header, rows);
    }

    /// <summary>A column as numbers; an empty cell or <c>NaN</c> is null.</summary>
    public IReadOnlyList<double?> Column(string name)
    {
        if (!_index.TryGetValue(name, out var i))
        {
            throw new KeyNotFoundException($"{Path} has no column '{name}'; it has {string.Join(", ", _index.Keys)}.");
        }

        return _rows.Select(r => Number(r[i])).ToArray();
    }

    private static double? Number(string cell) =>
        cell.Length == 0 || cell == "NaN" ? null : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private Candle ToCandle(string[] row)
    {
        var time = Time(row);
        var close = TestCandles.ParsePrice(row[Find("Close")]);
        decimal Price(string column) => _index.TryGetValue(column, out var i) ? TestCandles.ParsePrice(row[i]) : close;
        var volume = _index.TryGetValue("Volume", out var v) && row[v].Length > 0 ? TestCandles.ParsePrice(row[v]) : 0m;
        return TestCandles.At(time, Price("Open"), Price("High"), Price("Low"), close, symbol: "REF") with { Volume = volume };
    }

    private DateTimeOffset Time(string[] row)
    {
        var text = row[Find("Date", "time")];
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        }

        var parsed = DateTime.ParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new DateTimeOffset(parsed, TimeSpan.Zero);
    }

    private int Find(params string[] names)
    {
        foreach (var name in names)
        {
            if (_index.TryGetValue(name, out var i))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"{Path} has none of the columns {string.Join(", ", names)}.");
    }
}
