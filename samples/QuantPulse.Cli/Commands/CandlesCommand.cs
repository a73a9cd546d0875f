using System.Globalization;
using QuantPulse.Candles;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Cli.Commands;

/// <summary><c>quantpulse candles</c>: builds candles from a tick CSV file with the candle stage of the pipeline.</summary>
/// <remarks>
/// The file is read in batches (<see cref="CsvTickSource.ReadBatch"/>) on a thread of its own a few batches ahead
/// (<see cref="TickReadAhead"/>), so parsing and candle building use both cores, into a <see cref="CandleAggregator"/>,
/// the candle stage's state machine without Dataflow: candles close on the data alone, and the last, partial bucket
/// of every series is closed at the end of the input. Each candle is formatted as
/// it closes and kept per series (they close in time order within one) in a <see cref="SeriesSpool{TKey}"/>, which
/// holds a bounded amount in memory and the rest in a temporary file; the rows are written sorted by timeframe, then
/// symbol, then time.
/// </remarks>
internal sealed class CandlesCommand : ICliCommand
{
    /// <summary>The output header: part of the command's contract (docs/cli.md).</summary>
    public const string Header = CsvCandleFormat.Header;

    /// <summary>The characters of formatted rows held in memory before they go to a temporary file (16 MB).</summary>
    public const int DefaultMemoryBudget = 8 << 20;

    // Ticks per batch, and batches read ahead by the reading thread: 2048 ticks × 4 keep under 1 MB in flight.
    private const int BatchSize = 2048;
    private const int BatchesAhead = 4;
    private const string Input = "--input";
    private const string TimeframeOption = "--timeframe";
    private const string Output = "--output";

    private readonly int _memoryBudget;

    public CandlesCommand()
        : this(DefaultMemoryBudget)
    {
    }

    /// <param name="memoryBudget">The characters of rows held in memory, all series together.</param>
    internal CandlesCommand(int memoryBudget) => _memoryBudget = memoryBudget;

    public string Name => "candles";

    public string Summary => "Build OHLCV candles for one or more timeframes from a tick CSV file";

    public string Description =>
        "Reads ticks (time,symbol,price[,size]; ISO-8601 or Unix s/ms times) and writes one row per candle:\n"
        + Header + "\n"
        + "ordered by timeframe (shortest first), symbol (ordinal), then time; the last, partial candle of every\n"
        + "series is included. Malformed rows are skipped and counted on standard error. A Databento DBN file of\n"
        + "trades (versions 2 and 3), plain or zstd-compressed, is recognised by its name (.dbn, .dbn.zst) or its\n"
        + "first bytes; its unusable records are skipped and counted the same way.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Input, "PATH", "Tick CSV file to read, or a DBN file of trades (.dbn or .dbn.zst)", Required: true),
        new(TimeframeOption, "TF", "Candle timeframe: 1s, 1m, 5m, 15m, 30m, 1h, 4h or 1d; repeat (or comma-separate) for several", Required: true, Repeatable: true),
        new(Output, "PATH", "File to write (replaced if it exists); - for standard output", Required: true),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var timeframes = ReadTimeframes(options.Values(TimeframeOption));
        var input = options.Value(Input)!;
        var outputPath = options.Value(Output)!;
        InputFile.Check(Input, input, Output, outputPath);

        await using var output = OutputTarget.Open(outputPath, console, input);
        var problems = new TickFileProblems(Name);
        var source = TickFile.Open(input, problems);
        using var rows = new SeriesSpool<(Timeframe Timeframe, string Symbol)>(SeriesOrder.Instance, _memoryBudget);
        using var row = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var aggregator = new CandleAggregator(new CandleBlockOptions { Timeframes = timeframes, HistoryLength = 1 });
        var closed = new List<ClosedCandle>();
        long written = 0;
        using (var batches = new TickReadAhead(source, BatchSize, BatchesAhead))
        {
            ReadOnlySpan<Tick> ticks;
            do
            {
                ticks = batches.Next(cancellationToken);
                if (!ticks.IsEmpty)
                {
                    aggregator.Add(ticks, closed);
                }
                else
                {
                    aggregator.CloseAll(closed);
                }

                foreach (var candle in closed)
                {
                    Append(rows, row, candle.Candle);
                }

                written += closed.Count;
                closed.Clear();
            }
            while (!ticks.IsEmpty);
        }

        await output.Writer.WriteAsync(Header + "\n");

        // The writer buffers, so the rows are copied synchronously.
        rows.WriteTo(output.Writer);
        await output.CompleteAsync();
        var statistics = aggregator.Statistics;
        await output.Summary.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"candles: wrote {Words.Count(written, "candle")} ({string.Join(", ", timeframes)}; {Words.Count(statistics.Symbols, "symbol")}) from {Words.Count(source.Statistics.Accepted, "tick")} to {output.Description}"));
        await problems.ReportAsync(console.Error, source.Statistics, statistics, timeframes[0]);
        return ExitCodes.Success;
    }

    private static Timeframe[] ReadTimeframes(IReadOnlyList<string> values)
    {
        var timeframes = new List<Timeframe>();
        foreach (var text in OptionValues.List(TimeframeOption, values))
        {
            var timeframe = OptionValues.Timeframe(TimeframeOption, text);
            if (timeframes.Contains(timeframe))
            {
                throw new UsageException($"{TimeframeOption}: {timeframe} is given twice");
            }

            timeframes.Add(timeframe);
        }

        timeframes.Sort();
        return [.. timeframes];
    }

    private static void Append(SeriesSpool<(Timeframe Timeframe, string Symbol)> rows, StringWriter row, Candle candle)
    {
        var text = row.GetStringBuilder().Clear();
        CsvCandleFormat.WriteRow(row, candle);
        foreach (var chunk in text.GetChunks())
        {
            rows.Append((candle.Timeframe, candle.Symbol), chunk.Span);
        }
    }

    /// <summary>Timeframe (shortest first), then symbol (ordinal).</summary>
    private sealed class SeriesOrder : IComparer<(Timeframe Timeframe, string Symbol)>
    {
        public static SeriesOrder Instance { get; } = new();

        public int Compare((Timeframe Timeframe, string Symbol) x, (Timeframe Timeframe, string Symbol) y)
        {
            var byTimeframe = x.Timeframe.CompareTo(y.Timeframe);
            return byTimeframe != 0 ? byTimeframe : string.CompareOrdinal(x.Symbol, y.Symbol);
        }
    }
}
