using System.Text;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// Reads the bars of a CSV file one row at a time, in file order, keeping none of them: the streaming form of
/// <see cref="CsvCandleReader"/>, for files too large to hold.
/// </summary>
/// <remarks>
/// <para>
/// The format, the columns and what makes a row malformed are those of <see cref="CsvCandleReader"/>; the header is
/// read when the reader is created. A malformed row throws <see cref="InvalidDataException"/> with its line number,
/// unless <see cref="CsvCandleReaderOptions.SkipMalformedRows"/> is set: then it is skipped and its message added to
/// <see cref="Errors"/>.
/// </para>
/// <para>
/// A row's candle carries the row's own <c>timeframe</c> cell when the file has that column, else the configured
/// <see cref="CsvCandleReaderOptions.Timeframe"/>, else the default, invalid <see cref="Timeframe"/>: unlike
/// <see cref="CsvCandleReader"/>, a reader that keeps nothing cannot infer the timeframe from the spacing of the
/// bars. Not thread-safe.
/// </para>
/// </remarks>
public sealed class CsvCandleRowReader : IDisposable
{
    private readonly CsvLineReader _lines;
    private readonly CandleColumns _columns;
    private readonly string _defaultSymbol;
    private readonly Timeframe _timeframe;
    private readonly bool _skipMalformedRows;
    private readonly List<string> _errors = [];
    private readonly List<(long Line, string Reason)> _rejections = [];

    /// <summary>Creates a reader of the CSV text of <paramref name="reader"/> (which is not disposed) and reads its header.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The input's name for messages; without its extension, the symbol of files with no symbol column.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <exception cref="InvalidDataException">The input is empty or its header lacks a required column.</exception>
    public CsvCandleRowReader(TextReader reader, string name, CsvCandleReaderOptions? options = null)
        : this(reader, leaveOpen: true, name, options)
    {
    }

    private CsvCandleRowReader(TextReader reader, bool leaveOpen, string name, CsvCandleReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new CsvCandleReaderOptions();
        Name = name;
        _lines = new CsvLineReader(reader, leaveOpen);
        try
        {
            var header = ReadHeader(_lines, name);
            _columns = new CandleColumns(header, name);
            Columns = header.Cells;
        }
        catch
        {
            _lines.Dispose();
            throw;
        }

        _defaultSymbol = options.Symbol ?? Path.GetFileNameWithoutExtension(name);
        _timeframe = options.Timeframe ?? default;
        _skipMalformedRows = options.SkipMalformedRows;
    }

    /// <summary>The input's name, as used in messages.</summary>
    public string Name { get; }

    /// <summary>The header cells, unchanged (a byte order mark removed).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether the file has a <c>timeframe</c> column, so every candle carries its row's timeframe.</summary>
    public bool HasTimeframeColumn => _columns.HasTimeframe;

    /// <summary>With <see cref="CsvCandleReaderOptions.SkipMalformedRows"/>: one message per row skipped so far, such as <c>line 17: close 'abc' is not a number</c>.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The rows skipped so far, as line number and reason (the same rows as <see cref="Errors"/>).</summary>
    internal IReadOnlyList<(long Line, string Reason)> Rejections => _rejections;

    /// <summary>Opens the file at <paramref name="path"/> and reads its header; the file's name is used in messages.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <returns>The reader, which owns the file.</returns>
    /// <exception cref="InvalidDataException">The file is empty or its header lacks a required column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CsvCandleRowReader Open(string path, CsvCandleReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            return new CsvCandleRowReader(reader, leaveOpen: false, Path.GetFileName(path), options);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next bar.</summary>
    /// <returns>The row, or null at the end of the input.</returns>
    /// <exception cref="InvalidDataException">The row is malformed (without <see cref="CsvCandleReaderOptions.SkipMalformedRows"/>).</exception>
    public CsvCandleRow? Read()
    {
        while (_lines.ReadLine(out var line))
        {
            if (!_lines.LastLineTooLong && line.IsWhiteSpace())
            {
                continue;
            }

            CsvCandleRow? row = null;
            var problem = _lines.LastLineTooLong
                ? $"longer than {CsvLineReader.MaxLineLength} characters"
                : _columns.TryParse(line, _lines.LineNumber, _defaultSymbol, _timeframe, out row);
            if (row is not null)
            {
                return row;
            }

            var message = $"line {_lines.LineNumber}: {problem}";
            if (!_skipMalformedRows)
            {
                throw new InvalidDataException($"{Name}: {message}");
            }

            _errors.Add(message);
            _rejections.Add((_lines.LineNumber, problem!));
        }

        return null;
    }

    /// <summary>Closes the input if the reader opened it.</summary>
    public void Dispose() => _lines.Dispose();

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

        public bool HasTimeframe => _timeframe >= 0;

        // Returns null and the row, or why the line is not a bar.
        public string? TryParse(ReadOnlySpan<char> line, long lineNumber, string defaultSymbol, Timeframe timeframe, out CsvCandleRow? row)
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

            if (_timeframe >= 0 && !Timeframe.TryParse(cells[_timeframe], out timeframe))
            {
                return $"{_header.Names[_timeframe]} '{cells[_timeframe].Trim()}' is not a timeframe (1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d)";
            }

            var candle = new Candle(symbol, timeframe, time, open, high, low, close, volume, TickCount: 1, IsClosed: true);
            row = new CsvCandleRow(lineNumber, cells, candle);
            return null;
        }

        private string? Number(string[] cells, int column, out decimal value) =>
            CsvNumber.TryParse(cells[column], out value) ? null : $"{_header.Names[column]} '{cells[column].Trim()}' is not a number";
    }
}
