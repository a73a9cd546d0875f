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
/// The bars are read one at a time with <see cref="CsvCandleRowReader.TryReadBar"/> (the first malformed row fails the command
/// with its line number: skipping a bar would shift every indicator after it), fed in file order through one
/// <see cref="IndicatorSet"/> per symbol, the same state machines the pipeline's indicator stage runs, and written
/// at once: memory does not grow with the file.
/// </remarks>
internal sealed class IndicatorsCommand : ICliCommand
{
    private const string Input = "--input";
    private const string Output = "--output";

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

    // Bars are read, computed and written one at a time, so memory does not grow with the file. Rows are formatted
    // into a RowBuffer as UTF-8 (a row handed out as its text is copied byte for byte; numbers are formatted in
    // place) and reach the output in large blocks. Returns the bars written and the indicator columns.
    private static (long Written, IndicatorColumns Columns) Write(TextWriter writer, CsvCandleRowReader bars, List<IndicatorSpec> specs, CancellationToken cancellationToken)
    {
        var columns = new IndicatorSet(specs).Columns;
        CsvCells.WriteAll(writer, [.. bars.Columns, .. columns]);
        writer.Write('\n');

        // One series per symbol and, for files with a timeframe column (the candles command's output), per timeframe.
        var sets = new Dictionary<(string Symbol, Timeframe Timeframe), Series>();
        var values = new double?[columns.Count];
        var output = new RowBuffer(writer);
        Series? last = null;
        long written = 0;
        try
        {
            while (bars.TryReadBar(out var bar))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candle = bar.Candle;

                // Rows of one series usually follow each other: the last series is reused without hashing its symbol.
                if (last is null || !string.Equals(last.Symbol, candle.Symbol, StringComparison.Ordinal) || last.Timeframe != candle.Timeframe)
                {
                    if (!sets.TryGetValue((candle.Symbol, candle.Timeframe), out last))
                    {
                        sets.Add((candle.Symbol, candle.Timeframe), last = new Series(candle.Symbol, candle.Timeframe, new IndicatorSet(specs)));
                    }
                }

                var series = last;

                series.Set.Update(candle, values);
                Check(series, candle, bar.LineNumber, bars.Name);
                series.LastTime = candle.OpenTime;
                series.LastLine = bar.LineNumber;
                if (bar.Cells is { } cells)
                {
                    output.AppendText(CsvCells.Join(cells));
                }
                else
                {
                    output.AppendUtf8(bar.Text);
                }

                output.AppendValues(values);
                written++;
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

    // The indicators refuse a bar that is not after the previous one or has a price at or below zero; the
    // command fails on it, naming the line, instead of leaving the bar without values.
    private static void Check(Series series, Candle candle, long line, string file)
    {
        var problem = series.Set.Status switch
        {
            IndicatorStatus.RejectedOutOfOrder => string.Create(
                CultureInfo.InvariantCulture,
                $"time {Iso(candle.OpenTime)} is not after the previous bar's {Iso(series.LastTime)} (line {series.LastLine}); bars must be in ascending time order"),
            IndicatorStatus.RejectedInvalid => string.Create(CultureInfo.InvariantCulture, $"low {candle.Low} is not positive"),
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{file}: line {line}: {problem}"));
        }

        static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The rows of the output, formatted as UTF-8 into one large byte buffer that goes out when full: no string per
    /// row or per number, and a row's cells copied byte for byte.
    /// </summary>
    /// <remarks>
    /// The bytes go straight to the stream under a UTF-8 <see cref="StreamWriter"/> (a file, standard output);
    /// any other writer gets them decoded. A row that is not valid UTF-8 is decoded and encoded again, as the
    /// text path did: its invalid bytes become U+FFFD.
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

        /// <summary>Appends a row's UTF-8 text.</summary>
        public void AppendUtf8(ReadOnlySpan<byte> text)
        {
            if (!Utf8.IsValid(text))
            {
                AppendText(Encoding.UTF8.GetString(text));
                return;
            }

            Reserve(text.Length);
            text.CopyTo(_buffer.AsSpan(_length));
            _length += text.Length;
        }

        /// <summary>Appends text.</summary>
        public void AppendText(string text)
        {
            Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
            _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
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

    private sealed class Series(string symbol, Timeframe timeframe, IndicatorSet set)
    {
        public string Symbol { get; } = symbol;

        public Timeframe Timeframe { get; } = timeframe;

        public IndicatorSet Set { get; } = set;

        public DateTimeOffset LastTime { get; set; }

        public long LastLine { get; set; }
    }
}
