using System.Globalization;
using QuantPulse.Analytics;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;

namespace QuantPulse.Cli.Commands;

/// <summary><c>quantpulse pairtest</c>: the mean-reversion back-test of the spread of two series.</summary>
internal sealed class PairTestCommand : ICliCommand
{
    private const string Entry = "--entry";
    private const string Exit = "--exit";
    private const string Stop = "--stop";
    private const string Window = "--window";
    private const string Train = "--train";
    private const string FeeBps = "--fee-bps";
    private const string MaxBars = "--max-bars";
    private const string Output = "--output";

    public string Name => "pairtest";

    public string Summary => "Back-test a z-score mean-reversion strategy on the spread of b on a";

    public string Description =>
        "Aligns the two files on time, fits the hedge ratio on the training bars (Kalman: previous bar's state)\n"
        + "and trades the spread's z-score on the bars after them at each close. Prints the metrics as one JSON\n"
        + "line (numbers that are not finite as null) and, with --output, writes the trades as CSV\n"
        + "entry_time,exit_time,direction,entry_z,exit_z,exit_reason,pnl (pnl per unit of b, after fees).";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. PairInputs.Options,
        new(Entry, "Z", "Enter when |z| passes this", Required: true),
        new(Exit, "Z", "Exit when |z| falls below this", Required: true),
        new(Stop, "Z", "Stop out when |z| reaches this", Required: true),
        new(Window, "N", "Spreads in the z-score window", Required: true),
        new(Train, "N", "Bars the hedge ratio is fitted on", "a third of the bars"),
        new(FeeBps, "F", "Fee in basis points of each leg's notional per fill", "0"),
        new(MaxBars, "N", "Most bars a position is held", "no limit"),
        new(Output, "PATH", "Trades CSV file to write (replaced if it exists)"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var settings = new PairBacktestOptions(
            Level(options, Entry),
            Level(options, Exit),
            Level(options, Stop),
            (int)OptionValues.Integer(Window, options.Value(Window)!, 2, int.MaxValue))
        {
            Train = options.Value(Train) is { } train ? (int)OptionValues.Integer(Train, train, 3, int.MaxValue) : null,
            FeeBps = options.Value(FeeBps) is { } fee ? OptionValues.Number(FeeBps, fee, 0, 10_000) : 0,
            MaxBars = options.Value(MaxBars) is { } max ? (int)OptionValues.Integer(MaxBars, max, 1, int.MaxValue) : null,
        };
        var output = options.Value(Output);
        if (output is OutputTarget.StandardOutput)
        {
            throw new UsageException($"{Output}: standard output carries the metrics; give a file");
        }

        var pair = PairInputs.Read(options);
        var result = AnalyticsOptions.Compute("pairtest", () => PairBacktest.Run(pair.Times, pair.A, pair.B, settings with { Method = pair.Method }));
        if (output is not null)
        {
            await using var target = OutputTarget.Open(output, console, options.Value("--a")!, options.Value("--b")!);
            WriteTrades(target.Writer, result.Trades);
            await target.CompleteAsync();
        }

        var m = result.Metrics;
        await AnalyticsOptions.PrintAsync(console, json =>
        {
            json.WriteNumber("n", pair.Times.Length);
            json.WriteString("method", PairInputs.MethodName(pair.Method));
            json.WriteNumber("trades", m.Trades);
            AnalyticsOptions.Number(json, "total_return", m.TotalReturn);
            AnalyticsOptions.Number(json, "annualized_return", m.AnnualizedReturn);
            AnalyticsOptions.Number(json, "sharpe", m.Sharpe);
            AnalyticsOptions.Number(json, "sortino", m.Sortino);
            AnalyticsOptions.Number(json, "calmar", m.Calmar);
            AnalyticsOptions.Number(json, "max_drawdown", m.MaxDrawdown);
            json.WriteNumber("max_drawdown_bars", m.MaxDrawdownBars);
            AnalyticsOptions.Number(json, "win_rate", m.WinRate);
            AnalyticsOptions.Number(json, "profit_factor", m.ProfitFactor);
            AnalyticsOptions.Number(json, "expectancy", m.Expectancy);
            AnalyticsOptions.Number(json, "exposure", m.Exposure);
            AnalyticsOptions.Number(json, "periods_per_year", m.PeriodsPerYear);
        });
        return ExitCodes.Success;
    }

    private static double Level(ParsedOptions options, string option) => OptionValues.Number(option, options.Value(option)!, 0, 1e6);

    private static void WriteTrades(TextWriter writer, IReadOnlyList<PairTrade> trades)
    {
        writer.Write("entry_time,exit_time,direction,entry_z,exit_z,exit_reason,pnl\n");
        foreach (var t in trades)
        {
            var reason = t.Reason switch
            {
                PairExitReason.Exit => "exit",
                PairExitReason.Stop => "stop",
                PairExitReason.MaxBars => "max_bars",
                _ => "end",
            };
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{Iso(t.EntryTime)},{Iso(t.ExitTime)},{(t.Direction == SpreadDirection.Long ? "long" : "short")},{Cell(t.EntryZ)},{Cell(t.ExitZ)},{reason},{Cell(t.Pnl)}\n"));
        }

        static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

        static string Cell(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
    }
}
