using System.Text;
using QuantPulse.Indicators;
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
    private readonly Utf8LineReader _lines;
    private readonly CandleColumns _columns;
    private readonly string _defaultSymbol;
    private readonly Timeframe _timeframe;
    private readonly bool _skipMalformedRows;
    private readonly List<string> _errors = [];
    private readonly List<(long Line, string Reason)> _rejections = [];
    private char[] _text = [];
    private CsvCandleRow? _lastRow; // the row of the last bar read by the text parser

    /// <summary>Creates a reader of the CSV text of <paramref name="reader"/> (which is not disposed) and reads its header.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The input's name for messages; without its extension, the symbol of files with no symbol column.</param>
    /// <param name="options">The settings; defaults when null.</param>
    /// <exception cref="InvalidDataException">The input is empty or its header lacks a required column.</exception>
    public CsvCandleRowReader(TextReader reader, string name, CsvCandleReaderOptions? options = null)
        : this(Utf8TextStream.Of(reader ?? throw new ArgumentNullException(nameof(reader)), leaveOpen: true), leaveOpen: true, name, options)
    {
    }

    private CsvCandleRowReader(Stream utf8, bool leaveOpen, string name, CsvCandleReaderOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new CsvCandleReaderOptions();
        Name = name;
        _lines = new Utf8LineReader(utf8, leaveOpen);
        try
        {
            var header = ReadHeader(name);
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

        // Read as UTF-8 bytes; a file with a UTF-16 or UTF-32 byte order mark is transcoded, as StreamReader reads it.
        var stream = Utf8TextStream.Of(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), leaveOpen: false);
        try
        {
            return new CsvCandleRowReader(stream, leaveOpen: false, Path.GetFileName(path), options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next bar.</summary>
    /// <returns>The row, or null at the end of the input.</returns>
    /// <exception cref="InvalidDataException">The row is malformed (without <see cref="CsvCandleReaderOptions.SkipMalformedRows"/>).</exception>
    public CsvCandleRow? Read()
    {
        if (!TryReadBar(out var bar))
        {
            return null;
        }

        return bar.Cells is not null ? _lastRow! : new CsvCandleRow(bar.LineNumber, CsvFields.SplitToText(Decode(bar.Text))!, bar.Candle);
    }

    /// <summary>
    /// Reads the next bar without making a string of every cell: for callers that copy rows through. Malformed
    /// rows are treated as by <see cref="Read"/>.
    /// </summary>
    /// <param name="bar">The bar, valid until the next read.</param>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="InvalidDataException">The row is malformed (without <see cref="CsvCandleReaderOptions.SkipMalformedRows"/>).</exception>
    public bool TryReadBar(out CsvCandleBar bar)
    {
        while (NextLine(out var line))
        {
            if (TryParseBar(line, out bar))
            {
                return true;
            }
        }

        bar = default;
        return false;
    }

    /// <summary>
    /// Reads the next bar as numbers: the common rows are parsed straight from their bytes to <see cref="double"/>
    /// (no <see cref="Candle"/>, no <see cref="decimal"/>), any other row as by <see cref="TryReadBar"/>. Malformed
    /// rows are treated as by <see cref="Read"/>; the same rows are accepted and rejected.
    /// </summary>
    /// <param name="bar">The bar, valid until the next read.</param>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="InvalidDataException">The row is malformed (without <see cref="CsvCandleReaderOptions.SkipMalformedRows"/>).</exception>
    public bool TryReadPriceBar(out CsvPriceBar bar)
    {
        while (NextLine(out var line))
        {
            if (!_lines.LastLineTooLong
                && (_columns.TryScanPrices(line, _defaultSymbol, _timeframe, out var prices) || _columns.TryParsePrices(line, _defaultSymbol, _timeframe, out prices)))
            {
                bar = new CsvPriceBar(_lines.LineNumber, prices.Symbol, prices.Timeframe, prices.OpenTicks, prices.Bar, prices.Volume, line);
                return true;
            }

            if (TryParseBar(line, out var candleBar))
            {
                bar = new CsvPriceBar(candleBar);
                return true;
            }
        }

        bar = default;
        return false;
    }

    // One line: false for a blank line or a malformed row skipped (SkipMalformedRows); a malformed row otherwise throws.
    private bool TryParseBar(ReadOnlySpan<byte> line, out CsvCandleBar bar)
    {
        if (!_lines.LastLineTooLong && _columns.TryParseFast(line, _defaultSymbol, _timeframe) is { } candle)
        {
            bar = new CsvCandleBar(_lines.LineNumber, candle, line, cells: null);
            return true;
        }

        bar = default;
        var text = Decode(line);
        if (!_lines.LastLineTooLong && text.IsWhiteSpace())
        {
            return false;
        }

        CsvCandleRow? row = null;
        var problem = _lines.LastLineTooLong
            ? $"longer than {CsvLineReader.MaxLineLength} characters"
            : _columns.TryParse(text, _lines.LineNumber, _defaultSymbol, _timeframe, out row);
        if (row is not null)
        {
            _lastRow = row;
            bar = new CsvCandleBar(row.LineNumber, row.Candle, default, row.Cells);
            return true;
        }

        var message = $"line {_lines.LineNumber}: {problem}";
        if (!_skipMalformedRows)
        {
            throw new InvalidDataException($"{Name}: {message}");
        }

        _errors.Add(message);
        _rejections.Add((_lines.LineNumber, problem!));
        return false;
    }

    /// <summary>Closes the input if the reader opened it.</summary>
    public void Dispose() => _lines.Dispose();

    private CsvHeader ReadHeader(string name)
    {
        while (NextLine(out var line))
        {
            if (_lines.LastLineTooLong)
            {
                throw new InvalidDataException($"{name}: line {_lines.LineNumber}: the header is longer than {CsvLineReader.MaxLineLength} characters.");
            }

            var text = Decode(line);
            if (!text.IsWhiteSpace())
            {
                return CsvHeader.Parse(text, name);
            }
        }

        throw new InvalidDataException($"{name}: the file is empty; expected a header such as 'date,open,high,low,close,volume'.");
    }

    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (!_lines.TryReadLine(out line))
        {
            if (!_lines.Fill())
            {
                return false;
            }
        }

        return true;
    }

    // UTF-8 decoded into a reused buffer, as StreamReader decodes it (invalid bytes become U+FFFD).
    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        if (_text.Length < utf8.Length)
        {
            _text = new char[Math.Max(utf8.Length, 256)];
        }

        return _text.AsSpan(0, Encoding.UTF8.GetChars(utf8, _text));
    }

    private readonly record struct ParsedPrices(string Symbol, Timeframe Timeframe, long OpenTicks, PriceBar Bar, double Volume);

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
        private readonly Range[] _fields;
        private readonly Role[] _roles; // what each column is, for TryScanPrices
        private readonly Utf8TimeCells _times = new();
        private readonly Utf8Strings _symbols = new();
        private byte[] _lastTimeframeText = [];
        private Timeframe _lastTimeframe;

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

            _fields = new Range[header.Count + 1];
            _roles = new Role[header.Count];
            (int Column, Role Role)[] roles =
                [(_time, Role.Time), (_open, Role.Open), (_high, Role.High), (_low, Role.Low), (_close, Role.Close), (_volume, Role.Volume),
                 (_symbol, Role.Symbol), (_timeframe, Role.Timeframe)];
            foreach (var (column, role) in roles)
            {
                if (column >= 0)
                {
                    _roles[column] = role;
                }
            }
        }

        private enum Role : byte
        {
            Other,
            Time,
            Open,
            High,
            Low,
            Close,
            Volume,
            Symbol,
            Timeframe,
        }

        public bool HasTimeframe => _timeframe >= 0;

        // The common rows straight from their bytes: no quotes or carriage returns, ASCII-trimmed cells, fixed-point
        // numbers, a valid bar. Gives the candle TryParse gives, or null for any other row (which TryParse then
        // accepts or rejects with its message).
        public Candle? TryParseFast(ReadOnlySpan<byte> line, string defaultSymbol, Timeframe timeframe)
        {
            var fields = _fields;
            if (line.IndexOfAny((byte)'"', (byte)'\r') >= 0
                || CsvFields.Split(line, fields) != _header.Count
                || !Utf8Cells.TryTrim(line[fields[_time]], out var timeText) || !_times.TryParse(timeText, out var time)
                || !Number(line, _open, out var open) || !Number(line, _high, out var high)
                || !Number(line, _low, out var low) || !Number(line, _close, out var close)
                || high < low || open < low || open > high || close < low || close > high)
            {
                return null;
            }

            decimal volume = 0;
            if (_volume >= 0 && (!Utf8Cells.TryTrim(line[fields[_volume]], out var volumeText)
                || (!volumeText.IsEmpty && (!CsvNumber.TryParseFixed(volumeText, out volume) || volume < 0))))
            {
                return null;
            }

            if (!TrySymbolAndTimeframe(line, defaultSymbol, ref timeframe, out var symbol))
            {
                return null;
            }

            return new Candle(symbol, timeframe, new DateTimeOffset(time, TimeSpan.Zero), open, high, low, close, volume, TickCount: 1, IsClosed: true);
        }

        // The common rows as TryParseFast takes them, straight to doubles where that gives the candle's prices
        // converted from decimal bit for bit (CsvNumber.TryParseDouble), and only bars the indicators accept
        // (a positive low): false for any other row, which TryParseFast or TryParse then reads.
        public bool TryParsePrices(ReadOnlySpan<byte> line, string defaultSymbol, Timeframe timeframe, out ParsedPrices parsed)
        {
            parsed = default;
            var fields = _fields;
            if (line.IndexOfAny((byte)'"', (byte)'\r') >= 0
                || CsvFields.Split(line, fields) != _header.Count
                || !Utf8Cells.TryTrim(line[fields[_time]], out var timeText) || !_times.TryParse(timeText, out var time)
                || !Price(line, _open, out var open) || !Price(line, _high, out var high)
                || !Price(line, _low, out var low) || !Price(line, _close, out var close)
                || !new PriceBar(open, high, low, close).IsPossible)
            {
                return false;
            }

            double volume = 0;
            if (_volume >= 0 && (!Utf8Cells.TryTrim(line[fields[_volume]], out var volumeText)
                || (!volumeText.IsEmpty && (!CsvNumber.TryParseDouble(volumeText, out volume) || volume < 0))))
            {
                return false;
            }

            if (!TrySymbolAndTimeframe(line, defaultSymbol, ref timeframe, out var symbol))
            {
                return false;
            }

            parsed = new ParsedPrices(symbol, timeframe, time, new PriceBar(open, high, low, close), volume);
            return true;
        }

        // TryParsePrices in one pass over the row: each price cell is parsed where it starts, up to the comma
        // after it, and the other cells are only walked over, so the row is not split and trimmed first. Takes
        // only rows whose every cell TryParsePrices would read as it is (no white space around a number, no quote
        // or carriage return anywhere) and gives the same bar for them; false for any other row, which
        // TryParsePrices then reads.
        public bool TryScanPrices(ReadOnlySpan<byte> line, string defaultSymbol, Timeframe timeframe, out ParsedPrices parsed)
        {
            parsed = default;
            var roles = _roles;
            double open = 0, high = 0, low = 0, close = 0, volume = 0;
            long time = 0;
            var symbol = defaultSymbol;
            var pos = 0;
            for (var column = 0; column < roles.Length; column++)
            {
                if (column > 0)
                {
                    if (pos == line.Length || line[pos] != (byte)',')
                    {
                        return false; // fewer fields than the header, or a number followed by something else
                    }

                    pos++;
                }

                var role = roles[column];
                if (role is >= Role.Open and <= Role.Volume)
                {
                    double value = 0;
                    if ((role != Role.Volume || (pos < line.Length && line[pos] != (byte)','))
                        && !CsvNumber.TryParseDoublePrefix(line, ref pos, out value))
                    {
                        return false;
                    }

                    switch (role)
                    {
                        case Role.Open: open = value; break;
                        case Role.High: high = value; break;
                        case Role.Low: low = value; break;
                        case Role.Close: close = value; break;
                        default: volume = value; break;
                    }

                    continue;
                }

                var start = pos;
                for (byte c; pos < line.Length && (c = line[pos]) != (byte)','; pos++)
                {
                    if (c is (byte)'"' or (byte)'\r')
                    {
                        return false;
                    }
                }

                var cell = line[start..pos];
                switch (role)
                {
                    case Role.Time when !Utf8Cells.TryTrim(cell, out var timeText) || !_times.TryParse(timeText, out time):
                    case Role.Symbol when !Utf8Cells.TryTrim(cell, out var symbolText) || !TrySymbol(symbolText, out symbol):
                    case Role.Timeframe when !TryTimeframe(cell, out timeframe):
                        return false;
                }
            }

            var bar = new PriceBar(open, high, low, close);
            if (pos != line.Length || !bar.IsPossible || volume < 0)
            {
                return false; // more fields than the header, or a bar TryParsePrices leaves to the decimal parser
            }

            parsed = new ParsedPrices(symbol, timeframe, time, bar, volume);
            return true;
        }

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

        private bool Number(ReadOnlySpan<byte> line, int column, out decimal value)
        {
            value = 0;
            return Utf8Cells.TryTrim(line[_fields[column]], out var text) && CsvNumber.TryParseFixed(text, out value);
        }

        private bool Price(ReadOnlySpan<byte> line, int column, out double value)
        {
            value = 0;
            return Utf8Cells.TryTrim(line[_fields[column]], out var text) && CsvNumber.TryParseDouble(text, out value);
        }

        // The symbol and timeframe cells of a split line, when the file has them.
        private bool TrySymbolAndTimeframe(ReadOnlySpan<byte> line, string defaultSymbol, ref Timeframe timeframe, out string symbol)
        {
            symbol = defaultSymbol;
            return (_symbol < 0 || (Utf8Cells.TryTrim(line[_fields[_symbol]], out var symbolText) && TrySymbol(symbolText, out symbol)))
                && (_timeframe < 0 || TryTimeframe(line[_fields[_timeframe]], out timeframe));
        }

        private bool TrySymbol(ReadOnlySpan<byte> text, out string symbol)
        {
            if (text.IsEmpty)
            {
                symbol = string.Empty;
                return false;
            }

            if (!_symbols.TryGet(text, out symbol!))
            {
                symbol = Encoding.UTF8.GetString(text);
                _symbols.Add(text, symbol);
            }

            return true;
        }

        // The timeframe cell as Timeframe.TryParse reads it; the last one is reused while the cell repeats.
        private bool TryTimeframe(ReadOnlySpan<byte> text, out Timeframe timeframe)
        {
            if (!_lastTimeframe.IsValid || !text.SequenceEqual(_lastTimeframeText))
            {
                if (!Timeframe.TryParse(Encoding.UTF8.GetString(text), out var parsed))
                {
                    timeframe = default;
                    return false;
                }

                (_lastTimeframeText, _lastTimeframe) = (text.ToArray(), parsed);
            }

            timeframe = _lastTimeframe;
            return true;
        }

        private string? Number(string[] cells, int column, out decimal value) =>
            CsvNumber.TryParse(cells[column], out value) ? null : $"{_header.Names[column]} '{cells[column].Trim()}' is not a number";
    }
}
