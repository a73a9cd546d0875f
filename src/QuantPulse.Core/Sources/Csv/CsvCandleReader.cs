using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>Reads OHLC bars from CSV files such as exports of charting tools and data vendors.</summary>
/// <remarks>
/// <para>
/// A header line is required; columns are found by name, case-insensitively, in any order: one time column
/// (<c>date</c>, <c>time</c>, <c>timestamp</c>, <c>datetime</c>, <c>epoch</c> or <c>open_time</c>), <c>open</c>,
/// <c>high</c>, <c>low</c>, <c>close</c>, and optionally <c>volume</c>, <c>symbol</c> and <c>timeframe</c> (so the
/// output of <c>quantpulse candles</c> reads back; each row then carries its own timeframe). Other columns are kept in
/// <see cref="CsvCandleRow.Cells"/> and otherwise ignored. A UTF-8 byte order mark is tolerated.
/// </para>
/// <para>
/// Times are ISO-8601 (<c>2024-01-02T03:04:05Z</c>, with an offset, or without a zone for UTC), the same with a
/// space (<c>yyyy-MM-dd HH:mm[:ss]</c>, UTC), a date alone (<c>yyyy-MM-dd</c>, midnight UTC), or Unix time
/// (seconds, or milliseconds when the absolute value is at least 10^11). Numbers use the invariant culture and are
/// read exactly.
/// </para>
/// <para>
/// A row is malformed when it has a different number of cells than the header, an unreadable time or number, a
/// negative volume, an empty symbol, or prices that are not a bar (a high below the low, an open or close outside
/// them). The first malformed row throws <see cref="InvalidDataException"/> with its line number, unless
/// <see cref="CsvCandleReaderOptions.SkipMalformedRows"/> is set. Blank lines are skipped.
/// </para>
/// <para>
/// Every bar is kept in memory; <see cref="CsvCandleRowReader"/> reads the same files one row at a time.
/// </para>
/// </remarks>
public static class CsvCandleReader
{
    /// <summary>Reads the bars of the file at <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <returns>The file's bars.</returns>
    /// <exception cref="InvalidDataException">The header lacks a required column, or a row is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CsvCandleFile Read(string path, CsvCandleReaderOptions? options = null)
    {
        using var rows = CsvCandleRowReader.Open(path, options);
        return ReadAll(rows, options);
    }

    /// <summary>Reads the bars of the CSV text of <paramref name="reader"/> (which is not disposed).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The input's name for messages; without its extension, the symbol of files with no symbol column.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <returns>The bars.</returns>
    /// <exception cref="InvalidDataException">The header lacks a required column, or a row is malformed.</exception>
    public static CsvCandleFile Read(TextReader reader, string name, CsvCandleReaderOptions? options = null)
    {
        using var rows = new CsvCandleRowReader(reader, name, options);
        return ReadAll(rows, options);
    }

    private static CsvCandleFile ReadAll(CsvCandleRowReader reader, CsvCandleReaderOptions? options)
    {
        var rows = new List<CsvCandleRow>();
        while (reader.Read() is { } row)
        {
            rows.Add(row);
        }

        var spacing = MostCommonSpacing(rows.Select(r => r.Candle));
        var timeframe = options?.Timeframe ?? Timeframe.All.Where(t => t.Duration == spacing).Cast<Timeframe?>().FirstOrDefault();
        if (timeframe is { } inferred && options?.Timeframe is null && !reader.HasTimeframeColumn)
        {
            rows = rows.ConvertAll(r => new CsvCandleRow(r.LineNumber, r.Cells, r.Candle with { Timeframe = inferred }));
        }

        return new CsvCandleFile(reader.Name, reader.Columns, rows, timeframe, spacing, reader.Errors);
    }

    // Per series (symbol, and timeframe when the rows carry one), the most common positive distance between bars.
    private static TimeSpan? MostCommonSpacing(IEnumerable<Candle> bars)
    {
        var last = new Dictionary<(string Symbol, Timeframe Timeframe), DateTimeOffset>();
        var counts = new Dictionary<TimeSpan, int>();
        foreach (var bar in bars)
        {
            var series = (bar.Symbol, bar.Timeframe);
            if (last.TryGetValue(series, out var previous) && bar.OpenTime > previous)
            {
                var gap = bar.OpenTime - previous;
                counts[gap] = counts.GetValueOrDefault(gap) + 1;
            }

            last[series] = bar.OpenTime;
        }

        return counts.Count == 0
            ? null
            : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
    }
}
