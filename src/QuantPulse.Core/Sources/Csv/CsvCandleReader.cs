using System.Text;
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
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, Path.GetFileName(path), options);
    }

    /// <summary>Reads the bars of the CSV text of <paramref name="reader"/> (which is not disposed).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The input's name for messages; without its extension, the symbol of files with no symbol column.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <returns>The bars.</returns>
    /// <exception cref="InvalidDataException">The header lacks a required column, or a row is malformed.</exception>
    public static CsvCandleFile Read(TextReader reader, string name, CsvCandleReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new CsvCandleReaderOptions();

        using var lines = new CsvLineReader(reader, leaveOpen: true);
        var header = ReadHeader(lines, name);
        var columns = new CandleColumns(header, name);
        var defaultSymbol = options.Symbol ?? Path.GetFileNameWithoutExtension(name);
        var parsed = new List<(long LineNumber, ParsedRow Row)>();
        var errors = new List<string>();
        while (lines.ReadLine(out var line))
        {
            if (!lines.LastLineTooLong && line.IsWhiteSpace())
            {
                continue;
            }

            ParsedRow? row = null;
            var problem = lines.LastLineTooLong
                ? $"longer than {CsvLineReader.MaxLineLength} characters"
                : columns.TryParse(line, defaultSymbol, out row);
            if (row is not null)
            {
                parsed.Add((lines.LineNumber, row));
                continue;
            }

            var message = $"line {lines.LineNumber}: {problem}";
            if (!options.SkipMalformedRows)
            {
                throw new InvalidDataException($"{name}: {message}");
            }

            errors.Add(message);
        }

        var spacing = MostCommonSpacing(parsed.Select(p => (p.Row.SeriesKey, p.Row.Time)));
        var timeframe = options.Timeframe ?? Timeframe.All.Where(t => t.Duration == spacing).Cast<Timeframe?>().FirstOrDefault();
        var rows = parsed.ConvertAll(p => new CsvCandleRow(p.LineNumber, p.Row.Cells, p.Row.ToCandle(timeframe ?? default)));
        return new CsvCandleFile(name, header.Cells, rows, timeframe, spacing, errors);
    }

    private static CsvHeader ReadHeader(CsvLineReader lines, string name)
    {
        while (lines.ReadLine(out var line))
        {
            if (lines.LastLineTooLong)
            {
                throw new InvalidDataException($"{name}: line {lines.LineNumber}: the header is longer than {CsvLineReader.MaxLineLength} characters.");
            }

            if (!line.IsWhiteSpace())
            {
                return CsvHeader.Parse(line, name);
            }
        }

        throw new InvalidDataException($"{name}: the file is empty; expected a header such as 'date,open,high,low,close,volume'.");
    }

    private static TimeSpan? MostCommonSpacing(IEnumerable<(string Symbol, DateTimeOffset Time)> bars)
    {
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var counts = new Dictionary<TimeSpan, int>();
        foreach (var (symbol, time) in bars)
        {
            if (last.TryGetValue(symbol, out var previous) && time > previous)
            {
                var gap = time - previous;
                counts[gap] = counts.GetValueOrDefault(gap) + 1;
            }

            last[symbol] = time;
        }

        return counts.Count == 0
            ? null
            : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
    }

    private sealed record ParsedRow(string[] Cells, string Symbol, DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
    {
        /// <summary>The row's own timeframe, from a <c>timeframe</c> column.</summary>
        public Timeframe? Timeframe { get; init; }

        /// <summary>Series key for spacing inference: the symbol, and the row's timeframe when it has one.</summary>
        public string SeriesKey => Timeframe is { } tf ? Symbol + "\u0001" + tf.Name : Symbol;

        public Candle ToCandle(Timeframe timeframe) =>
            new(Symbol, Timeframe ?? timeframe, Time, Open, High, Low, Close, Volume, TickCount: 1, IsClosed: true);
    }

    private sealed class CandleColumns
    {
        private readonly CsvHeader _header;
        private readonly int _time;
        private readonly int _open;
        private readonly int _high;
        private readonly int _low;
        private readonly int _close;
        private readonly int _volume;
        private readonly int _symbol;
        private readonly int _timeframe;

        public CandleColumns(CsvHeader header, string name)
        {
            _header = header;
            _time = header.IndexOf(name, "time", "date", "timestamp", "datetime", "epoch", "open_time");
            _open = header.IndexOf(name, "open");
            _high = header.IndexOf(name, "high");
            _low = header.IndexOf(name, "low");
            _close = header.IndexOf(name, "close");
            _volume = header.IndexOf(name, "volume");
            _symbol = header.IndexOf(name, "symbol");
            _timeframe = header.IndexOf(name, "timeframe");
            if (_time < 0 || _open < 0 || _high < 0 || _low < 0 || _close < 0)
            {
                throw new InvalidDataException(
                    $"{name}: line 1: the header must have a date (or time) column and open, high, low, close (volume optional); found '{header}'.");
            }
        }

        // Returns null and the row, or why the line is not a bar.
        public string? TryParse(ReadOnlySpan<char> line, string defaultSymbol, out ParsedRow? row)
        {
            row = null;
            var cells = CsvFields.SplitToText(line);
            if (cells is null)
            {
                return "a quoted cell is not closed, or text follows its closing quote";
            }

            if (cells.Length != _header.Count)
            {
                return $"{cells.Length} fields, the header has {_header.Count}";
            }

            if (!CsvTime.TryParse(cells[_time], out var time))
            {
                return $"{_header.Names[_time]} '{cells[_time].Trim()}' is not {CsvTime.Expected}";
            }

            ReadOnlySpan<int> priceColumns = [_open, _high, _low, _close];
            Span<decimal> prices = stackalloc decimal[4];
            for (var i = 0; i < prices.Length; i++)
            {
                if (Number(cells, priceColumns[i], out prices[i]) is { } invalid)
                {
                    return invalid;
                }
            }

            var (open, high, low, close) = (prices[0], prices[1], prices[2], prices[3]);
            decimal volume = 0;
            if (_volume >= 0 && cells[_volume].AsSpan().Trim().Length > 0)
            {
                if (Number(cells, _volume, out volume) is { } invalid)
                {
                    return invalid;
                }

                if (volume < 0)
                {
                    return $"{_header.Names[_volume]} {volume} is negative";
                }
            }

            if (high < low)
            {
                return $"high {high} is below low {low}";
            }

            if (open < low || open > high || close < low || close > high)
            {
                var (label, value) = open < low || open > high ? ("open", open) : ("close", close);
                return $"{label} {value} is outside low {low} .. high {high}";
            }

            var symbol = _symbol >= 0 ? cells[_symbol].Trim() : defaultSymbol;
            if (symbol.Length == 0)
            {
                return "symbol is empty";
            }

            Timeframe? timeframe = null;
            if (_timeframe >= 0)
            {
                if (!Timeframe.TryParse(cells[_timeframe], out var parsed))
                {
                    return $"{_header.Names[_timeframe]} '{cells[_timeframe].Trim()}' is not a timeframe (1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d)";
                }

                timeframe = parsed;
            }

            row = new ParsedRow(cells, symbol, time, open, high, low, close, volume) { Timeframe = timeframe };
            return null;
        }

        private string? Number(string[] cells, int column, out decimal value) =>
            CsvNumber.TryParse(cells[column], out value) ? null : $"{_header.Names[column]} '{cells[column].Trim()}' is not a number";
    }
}
