using System.Globalization;
using System.Text;
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
    // into a RowBuffer (a row handed out as its text is copied as it is; numbers are formatted in place) and reach
    // the writer in large blocks. Returns the bars written and the indicator columns.
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
                    output.Flush();
                    CsvCells.WriteAll(writer, cells);
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
    /// The rows of the output, formatted into one large character buffer that goes to the writer when full: no
    /// string per row or per number.
    /// </summary>
    private sealed class RowBuffer(TextWriter writer)
    {
        // Room for one number as double.ToString writes it (at most 24 characters) and its comma.
        private const int NumberRoom = 32;

        private char[] _buffer = new char[1 << 16];
        private int _length;

        /// <summary>Appends a row's text (each UTF-8 byte gives at most one character).</summary>
        public void AppendUtf8(ReadOnlySpan<byte> text)
        {
            Reserve(text.Length);
            _length += Encoding.UTF8.GetChars(text, _buffer.AsSpan(_length));
        }

        /// <summary>Appends a comma and the value (empty when null) per indicator column, then the line end.</summary>
        public void AppendValues(ReadOnlySpan<double?> values)
        {
            Reserve((values.Length * NumberRoom) + 1);
            var buffer = _buffer;
            var length = _length;
            foreach (var value in values)
            {
                buffer[length++] = ',';
                if (value is { } v)
                {
                    // The invariant culture's shortest round-trip form, as double.ToString(CultureInfo.InvariantCulture) writes it.
                    v.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
                    length += written;
                }
            }

            buffer[length++] = '\n';
            _length = length;
        }

        /// <summary>Writes what is buffered.</summary>
        public void Flush()
        {
            writer.Write(_buffer, 0, _length);
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
                _buffer = new char[count];
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
