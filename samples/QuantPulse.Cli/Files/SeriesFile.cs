using System.Globalization;
using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Files;

/// <summary>A time series read from a CSV file: a time column (<c>time</c>, <c>date</c>, <c>timestamp</c>,
/// <c>datetime</c>, <c>epoch</c> or <c>open_time</c>, any case) and one value column.</summary>
/// <remarks>
/// Times are ISO-8601 (UTC when no offset is given) or Unix seconds/milliseconds, strictly ascending. Any problem
/// with the file's content is a <see cref="UsageException"/> naming the file and the line (exit 2).
/// </remarks>
internal sealed record SeriesFile(DateTimeOffset[] Times, double[] Values)
{
    private const long MillisecondThreshold = 100_000_000_000;

    private static readonly string[] TimeNames = ["time", "date", "timestamp", "datetime", "epoch", "open_time"];

    /// <summary>Reads the series in column <paramref name="column"/> of <paramref name="path"/>.</summary>
    public static SeriesFile Read(string option, string path, string column)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException($"{option}: the path is empty");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{option}: cannot read '{path}': no such file");
        }

        using var reader = new StreamReader(path);
        var header = reader.ReadLine() is { } line ? Split(line) : throw new UsageException($"{path}: the file is empty");
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var timeIndex = names.FindIndex(n => TimeNames.Contains(n));
        var valueIndex = names.IndexOf(column.Trim().ToLowerInvariant());
        if (timeIndex < 0)
        {
            throw new UsageException($"{path}: line 1: no time column ({string.Join(", ", TimeNames)})");
        }

        if (valueIndex < 0)
        {
            throw new UsageException($"{path}: line 1: no column '{column}' (columns: {string.Join(",", names)})");
        }

        var times = new List<DateTimeOffset>();
        var values = new List<double>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } row)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(row))
            {
                continue;
            }

            var cells = Split(row);
            if (cells.Length != header.Length)
            {
                throw new UsageException($"{path}: line {lineNumber}: {cells.Length} fields, the header has {header.Length}");
            }

            var time = ParseTime(cells[timeIndex]) ?? throw new UsageException(
                $"{path}: line {lineNumber}: {names[timeIndex]} '{cells[timeIndex]}' is not an ISO-8601 time or Unix seconds/milliseconds");
            if (!double.TryParse(cells[valueIndex], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new UsageException($"{path}: line {lineNumber}: {names[valueIndex]} '{cells[valueIndex]}' is not a finite number");
            }

            if (times.Count > 0 && time <= times[^1])
            {
                throw new UsageException($"{path}: line {lineNumber}: time {time:O} is not after the previous row's; rows must be in ascending time order");
            }

            times.Add(time);
            values.Add(value);
        }

        return new SeriesFile([.. times], [.. values]);
    }

    /// <summary>The two series on the times both have (inner join), in time order.</summary>
    public static (DateTimeOffset[] Times, double[] A, double[] B) Align(SeriesFile a, SeriesFile b)
    {
        var times = new List<DateTimeOffset>();
        var left = new List<double>();
        var right = new List<double>();
        int i = 0, j = 0;
        while (i < a.Times.Length && j < b.Times.Length)
        {
            var order = a.Times[i].CompareTo(b.Times[j]);
            if (order == 0)
            {
                times.Add(a.Times[i]);
                left.Add(a.Values[i++]);
                right.Add(b.Values[j++]);
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return ([.. times], [.. left], [.. right]);
    }

    private static string[] Split(string line) => [.. line.Split(',').Select(c => c.Trim().Trim('"'))];

    private static DateTimeOffset? ParseTime(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            try
            {
                return Math.Abs(number) >= MillisecondThreshold ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }
}
