using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// <c>quantpulse backtest</c>: replays a tick file through the whole pipeline (candles, indicators, a catalog
/// strategy, the paper-trade simulator) into a database, and writes the run's trades as the <c>trades</c> table holds them.
/// </summary>
/// <remarks>See <see cref="BacktestRun"/> for how the run is made deterministic and checked against the database.</remarks>
internal sealed class BacktestCommand : ICliCommand
{
    private const string Input = "--input";
    private const string TimeframeOption = "--timeframe";
    private const string Db = "--db";
    private const string Output = "--output";

    public string Name => "backtest";

    public string Summary => "Back-test a strategy on a tick CSV file: signals, paper trades, a database and a trades CSV";

    public string Description =>
        "Replays ticks (time,symbol,price[,size]) through candles, indicators, the strategy, the risk/reward checks and\n"
        + "the tick-level paper-trade simulator, stores candles, signals and trades in the database, and writes this\n"
        + "run's trades, read back from the database, one row per trade in the order they opened:\n"
        + TradesCsv.Header + "\n"
        + "Candles close on the data only (the last, partial candle included), so the same file and options always\n"
        + "give the same trades. A summary of signals, trades, win rate and average movement follows the run.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Input, "PATH", "Tick CSV file to replay", Required: true),
        new(StrategyFlags.StrategyOption, "ID", $"Strategy: {StrategyFlags.Ids}; its options are listed below", Required: true),
        new(TimeframeOption, "TF", "Timeframe of the candles the strategy runs on: 1s, 1m, 5m, 15m, 30m, 1h, 4h or 1d", Required: true),
        new(Db, "SPEC", "Database: sqlite:PATH (created if missing) or postgres:CONNECTION-STRING (an existing database)", Required: true),
        new(Output, "PATH", "Trades CSV file to write (replaced if it exists); - for standard output", Required: true),
        BacktestLedger.Option,
        .. BacktestSettings.Options,
        .. StrategyFlags.Options,
    ];

    public string? HelpNotes => StrategyFlags.HelpNotes;

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var strategy = StrategyFlags.Read(options);
        var timeframe = OptionValues.Timeframe(TimeframeOption, options.Value(TimeframeOption)!);
        var (signals, simulator) = BacktestSettings.Read(options);
        var settings = new BacktestSettings(strategy, timeframe, signals, simulator);
        var database = DatabaseLocation.Parse(Db, options.Value(Db)!);
        var input = options.Value(Input)!;
        var outputPath = options.Value(Output)!;
        InputFile.Check(Input, input, Output, outputPath);
        if (database.IsFile(input) || database.IsFile(outputPath))
        {
            throw new UsageException($"{Db}: '{database.Storage.Path}' is the input or output file; store the database in another file");
        }

        // The default run id digests the whole input, and the replay starts at once: both run while the database
        // opens and the run is recorded; the replay's rows wait for it.
        var choosingRunId = BacktestLedger.ChooseRunIdAsync(options.Value(BacktestLedger.RunIdOption), settings, input);
        var problems = new TickFileProblems(Name);
        await using var run = BacktestRun.Start(input, problems, settings, cancellationToken);
        await using var store = await database.OpenAsync(Db, cancellationToken);
        await using var output = OutputTarget.Open(outputPath, console, database.FilePath is { } file ? [input, file] : [input]);
        var runId = await choosingRunId;
        var ledger = await BacktestLedger.StartAsync(store, runId, settings, input, cancellationToken);
        IReadOnlyList<Model.Trade> trades;
        try
        {
            await run.FinishAsync(ledger.Store);
            cancellationToken.ThrowIfCancellationRequested();
            trades = await run.ReadBackAsync(ledger.Store, database.Description, cancellationToken);
            await ledger.CompleteAsync(cancellationToken);
        }
        catch
        {
            await ledger.FailAsync();
            throw;
        }

        TradesCsv.Write(output.Writer, trades, runId);
        await output.CompleteAsync();
        foreach (var line in BacktestSummary.Lines(run, trades, settings, input, database.Description, output.Description, runId))
        {
            await output.Summary.WriteLineAsync(line);
        }

        await problems.ReportAsync(console.Error, run.Source, run.Candles, timeframe);
        return ExitCodes.Success;
    }
}
