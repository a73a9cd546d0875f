using System.Globalization;
using System.Text;
using System.Text.Unicode;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Cli.Commands;

/// <summary><c>quantpulse indicators</c>: appends indicator columns to a bars CSV file.</summary>
/// <remarks>
/// The bars are read with <see cref="CsvCandleRowReader.TryReadPriceBar"/> on a thread of their own, a few batches
/// ahead (the first malformed row fails the command with its line number, after the bars before it are written:
/// skipping a bar would shift every indicator after it), fed in file order through one <see cref="IndicatorSet"/>
/// per symbol, the same state machines the pipeline's indicator stage runs, and written at once: memory does not
/// grow with the file.
/// </remarks>
internal sealed class IndicatorsCommand : ICliCommand
{
    private const string Input = "--input";
    private const string Output = "--output";
    private const int BatchSize = 16_384; // bars per batch read ahead ...
    private const int BatchesAhead = 3;   // ... and batches in flight: memory stays flat

    private static readonly Dictionary<string, IndicatorFlag> Flags =
        IndicatorFlag.All.ToDictionary(f => f.Option, StringComparer.Ordinal);

    public string Name => "indicators";

    public string Summary => "Append indicator columns (EMA, RSI, MACD, Bollinger, SuperTrend, ADX, VWAP, ...) to a bars CSV file";

    public string Description =>
        "Reads bars (a date or time column and open,high,low,close[,volume], any case; other columns kept) and\n"
        + "writes every input column unchanged followed by one column per indicator value, in the order the\n"
        + "indicator options are given. Cells are empty while an indicator warms up. Numbers are written in the\n"
        + "invariant culture with full round-trip precision. Bars must be in ascending time order.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Input, "PATH", "Bars CSV file to read", Required: true),
        .. IndicatorFlag.All.Select(f => f.ToOptionSpec()),
        new(Output, "PATH", "File to write (replaced if it exists); - for standard output", Required: true),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var specs = ReadIndicators(options);
        var input = options.Value(Input)!;
        var outputPath = options.Value(Output)!;
        InputFile.Check(Input, input, Output, outputPath);

        using var bars = CsvCandleRowReader.Open(input);
        await using var output = OutputTarget.Open(outputPath, console, input);
        var (written, columns) = Write(output.Writer, bars, specs, cancellationToken);
        await output.CompleteAsync();
        await output.Summary.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"indicators: wrote {Words.Count(written, "bar")} with {Words.Count(columns.Count, "indicator column")} ({string.Join(",", columns)}) to {output.Description}"));
        return ExitCodes.Success;
    }

    private static List<IndicatorSpec> ReadIndicators(ParsedOptions options)
    {
        var specs = new List<IndicatorSpec>();
        foreach (var (option, text) in options.Given)
        {
            if (!Flags.TryGetValue(option, out var flag))
            {
                continue;
            }

            var spec = flag.Parse(text);
            if (specs.Contains(spec))
            {
                throw new UsageException(text.Length == 0 ? $"{option} is given twice" : $"{option}: {text} is given twice");
            }

            specs.Add(spec);
        }

        return specs.Count > 0
            ? specs
            : throw new UsageException($"no indicator given (use {string.Join(", ", IndicatorFlag.All.Select(f => f.Option))})");
    }

    // Bars are read and parsed on a thread of their own, a few batches ahead (ReadAhead), and fed to their series'
    // indicators, formatted and written here in file order, so the two halves of the work use both cores and memory
    // does not grow with the file. Prices go from the file's bytes to doubles (CsvCandleRowReader.TryReadPriceBar)
    // and into the indicators' cores without a Candle, unless an indicator needs the candle's decimals. Rows are
    // formatted into a RowBuffer as UTF-8 (a row handed out as its text is copied byte for byte; numbers are
    // formatted in place) and reach the output in large blocks. Returns the bars written and the indicator columns.
    private static (long Written, IndicatorColumns Columns) Write(TextWriter writer, CsvCandleRowReader bars, List<IndicatorSpec> specs, CancellationToken cancellationToken)
    {
        var series = new SeriesSet(specs, bars.Name);
        var columns = series.Columns;
        CsvCells.WriteAll(writer, [.. bars.Columns, .. columns]);
        writer.Write('\n');

        var output = new RowBuffer(writer);
        var values = new double?[columns.Count];
        long written = 0;
        using var ahead = new ReadAhead<Bars>(
            [.. Enumerable.Range(0, BatchesAhead).Select(_ => new Bars(BatchSize))], batch => batch.Fill(bars, series.UseCandles), "bar file reader");
        try
        {
            while (ahead.Next(cancellationToken) is { } batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var bar = ref batch.Bar(i);
                    series.Update(bar.Symbol, bar.Timeframe, bar.OpenTicks, bar.Prices, bar.Volume, bar.Candle, bar.Line, values); // a bar the indicators refuse throws
                    output.AppendUtf8(batch.Text(i));
                    output.AppendValues(values);
                    written++;
                }

                batch.Error?.Throw(); // a bad row, after the bars before it
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or OperationCanceledException)
        {
            // The bars before a bad one (or before Ctrl+C) are written, as they would have been row by row.
            output.Flush();
            throw;
        }

        output.Flush();
        return (written, columns);
    }

    /// <summary>
    /// The rows of the output, formatted as UTF-8 into one large byte buffer that goes out when full: no string per
    /// row or per number, and a row's cells copied byte for byte.
    /// </summary>
    /// <remarks>
    /// The bytes go straight to the stream under a UTF-8 <see cref="StreamWriter"/> (a file, standard output);
    /// any other writer gets them decoded.
    /// </remarks>
    private sealed class RowBuffer
    {
        private readonly TextWriter _writer;
        private readonly Stream? _stream;
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private byte[] _buffer = new byte[1 << 16];
        private char[] _chars = [];
        private int _length;

        public RowBuffer(TextWriter writer)
        {
            _writer = writer;
            if (writer is StreamWriter { Encoding.CodePage: 65001 } streamWriter)
            {
                streamWriter.Flush(); // what was written as text (the header) goes first
                _stream = streamWriter.BaseStream;
            }
        }

        /// <summary>Appends a row's text, valid UTF-8.</summary>
        public void AppendUtf8(ReadOnlySpan<byte> text)
        {
            Reserve(text.Length);
            text.CopyTo(_buffer.AsSpan(_length));
            _length += text.Length;
        }

        /// <summary>Appends a comma and the value (empty when null) per indicator column, then the line end.</summary>
        public void AppendValues(ReadOnlySpan<double?> values)
        {
            Reserve((values.Length * (ShortestDouble.MaxLength + 1)) + 1);
            var buffer = _buffer.AsSpan();
            var length = _length;
            foreach (var value in values)
            {
                buffer[length++] = (byte)',';
                if (value is { } v)
                {
                    // The invariant culture's shortest round-trip form, as double.ToString(CultureInfo.InvariantCulture) writes it.
                    length += ShortestDouble.Format(v, buffer[length..]);
                }
            }

            buffer[length++] = (byte)'\n';
            _length = length;
        }

        /// <summary>Writes what is buffered.</summary>
        public void Flush()
        {
            if (_stream is not null)
            {
                _stream.Write(_buffer, 0, _length);
            }
            else
            {
                if (_chars.Length < _buffer.Length)
                {
                    _chars = new char[_buffer.Length];
                }

                var count = _decoder.GetChars(_buffer, 0, _length, _chars, 0, flush: false);
                _writer.Write(_chars, 0, count);
            }

            _length = 0;
        }

        private void Reserve(int count)
        {
            if (_buffer.Length - _length >= count)
            {
                return;
            }

            Flush();
            if (_buffer.Length < count)
            {
                _buffer = new byte[count];
            }
        }
    }

    /// <summary>
    /// A batch of bars read ahead: each bar's parsed fields and its row text as the output copies it (valid UTF-8 as
    /// it is; otherwise decoded and encoded again, its invalid bytes becoming U+FFFD as they do in every other cell;
    /// a quoted row's cells joined as <see cref="CsvCells"/> writes them).
    /// </summary>
    private sealed class Bars(int capacity) : ReadAheadBatch
    {
        private readonly ParsedBar[] _bars = new ParsedBar[capacity];
        private readonly int[] _ends = new int[capacity];
        private byte[] _text = new byte[capacity * 96];

        public ref readonly ParsedBar Bar(int index) => ref _bars[index];

        public ReadOnlySpan<byte> Text(int index)
        {
            var start = index == 0 ? 0 : _ends[index - 1];
            return _text.AsSpan(start, _ends[index] - start);
        }

        /// <summary>
        /// Reads up to the batch's capacity, as numbers or (when the indicators need them) as candles; a bad row
        /// throws after the bars before it are counted.
        /// </summary>
        public void Fill(CsvCandleRowReader reader, bool candles)
        {
            var length = 0;
            if (candles)
            {
                while (Count < _ends.Length && reader.TryReadBar(out var bar))
                {
                    var candle = bar.Candle;
                    _bars[Count] = new ParsedBar(candle.Symbol, candle.Timeframe, candle.OpenTime.UtcTicks, PriceBar.From(candle), (double)candle.Volume, candle, bar.LineNumber);
                    Add(ref length, bar.Text, bar.Cells);
                }

                return;
            }

            while (Count < _ends.Length && reader.TryReadPriceBar(out var bar))
            {
                _bars[Count] = new ParsedBar(bar.Symbol, bar.Timeframe, bar.OpenTimeUtcTicks, bar.Prices, bar.Volume, bar.Candle, bar.LineNumber);
                Add(ref length, bar.Text, bar.Cells);
            }
        }

        private void Add(ref int length, ReadOnlySpan<byte> row, IReadOnlyList<string>? cells)
        {
            var text = cells is not null ? Encoding.UTF8.GetBytes(CsvCells.Join(cells))
                : Utf8.IsValid(row) ? row
                : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(row));
            if (_text.Length - length < text.Length)
            {
                Array.Resize(ref _text, Math.Max(_text.Length * 2, length + text.Length));
            }

            text.CopyTo(_text.AsSpan(length));
            length += text.Length;
            _ends[Count] = length;
            Count++;
        }
    }

    /// <summary>A bar as the reader parsed it: its candle only when the indicators take candles.</summary>
    private readonly record struct ParsedBar(string Symbol, Timeframe Timeframe, long OpenTicks, PriceBar Prices, double Volume, Candle? Candle, long Line);

    /// <summary>
    /// One <see cref="IndicatorSet"/> per symbol and, for files with a timeframe column (the candles command's
    /// output), per timeframe, fed the bars in file order.
    /// </summary>
    private sealed class SeriesSet
    {
        private readonly List<IndicatorSpec> _specs;
        private readonly string _file;
        private readonly IndicatorSet _first;
        private readonly Dictionary<(string Symbol, Timeframe Timeframe), Series> _sets = [];
        private Series? _last;

        public SeriesSet(List<IndicatorSpec> specs, string file)
        {
            _specs = specs;
            _file = file;
            _first = new IndicatorSet(specs);
            UseCandles = !_first.AcceptsPriceBars;
        }

        public IndicatorColumns Columns => _first.Columns;

        /// <summary>Whether the indicators take candles (their decimals) rather than bars of doubles.</summary>
        public bool UseCandles { get; }

        /// <summary>
        /// Feeds a bar (its candle when <see cref="UseCandles"/>) to its series and writes the indicator values; the
        /// indicators refuse a bar that is not after the previous one or has a price at or below zero, and the
        /// command fails on it, naming the line, instead of leaving the bar without values.
        /// </summary>
        public void Update(string symbol, Timeframe timeframe, long openTicks, in PriceBar prices, double volume, Candle? candle, long line, Span<double?> values)
        {
            // Rows of one series usually follow each other: the last series is reused without hashing its symbol.
            if (_last is null || !string.Equals(_last.Symbol, symbol, StringComparison.Ordinal) || _last.Timeframe != timeframe)
            {
                if (!_sets.TryGetValue((symbol, timeframe), out _last))
                {
                    _sets.Add((symbol, timeframe), _last = new Series(symbol, timeframe, _sets.Count == 0 ? _first : new IndicatorSet(_specs)));
                }
            }

            var series = _last;
            bool accepted;
            if (UseCandles)
            {
                series.Set.Update(candle!, values);
                accepted = series.Set.Status is not (IndicatorStatus.RejectedOutOfOrder or IndicatorStatus.RejectedInvalid);
            }
            else
            {
                accepted = series.Set.Update(openTicks, prices, volume, values);
            }

            if (!accepted)
            {
                throw Rejected(series, openTicks, candle, prices, line);
            }

            series.LastTicks = openTicks;
            series.LastLine = line;
        }

        private InvalidDataException Rejected(Series series, long openTicks, Candle? candle, in PriceBar prices, long line)
        {
            var problem = series.Set.Status == IndicatorStatus.RejectedOutOfOrder
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"time {Iso(openTicks)} is not after the previous bar's {Iso(series.LastTicks)} (line {series.LastLine}); bars must be in ascending time order")

                // Only the decimal parser hands out a bar with a low at or below zero, so its candle quotes the low as written.
                : string.Create(CultureInfo.InvariantCulture, $"low {candle?.Low ?? (decimal)prices.Low} is not positive");
            return new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{_file}: line {line}: {problem}"));

            static string Iso(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        }
    }

    private sealed class Series(string symbol, Timeframe timeframe, IndicatorSet set)
    {
        public string Symbol { get; } = symbol;

        public Timeframe Timeframe { get; } = timeframe;

        public IndicatorSet Set { get; } = set;

        public long LastTicks { get; set; }

        public long LastLine { get; set; }
    }
}
