using System.Globalization;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Simulated;

namespace QuantPulse.Cli.Commands;

/// <summary><c>quantpulse simulate</c>: writes ticks of the simulated market to a CSV file in the replay format.</summary>
internal sealed class SimulateCommand : ICliCommand
{
    private const string Symbols = "--symbols";
    private const string Seed = "--seed";
    private const string Ticks = "--ticks";
    private const string Interval = "--interval";
    private const string Start = "--start";
    private const string Volatility = "--volatility";
    private const string StartPrice = "--start-price";
    private const string Decimals = "--decimals";
    private const string Output = "--output";

    private static readonly DateTimeOffset DefaultStart = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    public string Name => "simulate";

    public string Summary => "Write simulated ticks (a seeded random walk, never real prices) to a CSV file";

    public string Description =>
        "Writes --ticks ticks per symbol of the built-in simulated market, one per --interval, in time order\n"
        + "(symbols in the order given at equal times), as time,symbol,price,size. The same arguments always\n"
        + "give the same file. Prices follow a geometric Brownian motion like Deriv's volatility indices.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Symbols, "LIST", "Comma-separated symbols; may be repeated", SimulatedSourceOptions.DefaultSymbol, Repeatable: true),
        new(Seed, "N", "Random seed (a whole number)", "1"),
        new(Ticks, "N", "Ticks per symbol", Required: true),
        new(Interval, "DURATION", "Time between ticks: 500ms, 1s, 2s, 1m, 1h", "1s"),
        new(Start, "TIME", "Time of the first tick, ISO-8601 (UTC without a zone)", "2024-01-02T00:00:00Z"),
        new(Volatility, "PERCENT", "Annualised volatility in percent (100 = 'Volatility 100')", "100"),
        new(StartPrice, "PRICE", "First price of every symbol", "1000"),
        new(Decimals, "N", "Decimals of every price (0-10)", "2"),
        new(Output, "PATH", "File to write (replaced if it exists); - for standard output", Required: true),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var settings = ReadSettings(options);
        var source = new SimulatedMarketSource(settings);
        await using var output = OutputTarget.Open(options.Value(Output)!, console);
        await using (var writer = new CsvTickWriter(output.Writer, leaveOpen: true))
        {
            await foreach (var tick in source.ReadAsync(cancellationToken))
            {
                writer.Write(tick);
            }
        }

        await output.CompleteAsync();
        await output.Summary.WriteLineAsync(Report(source, settings, output.Description));
        return ExitCodes.Success;
    }

    private static SimulatedSourceOptions ReadSettings(ParsedOptions options)
    {
        var symbols = options.Has(Symbols) ? OptionValues.Symbols(Symbols, options.Values(Symbols)) : [SimulatedSourceOptions.DefaultSymbol];
        var ticks = OptionValues.Integer(Ticks, options.Value(Ticks)!, min: 1);
        var interval = options.Value(Interval) is { } i ? OptionValues.Duration(Interval, i) : TimeSpan.FromSeconds(1);
        var start = options.Value(Start) is { } s0 ? OptionValues.Time(Start, s0) : DefaultStart;
        if ((DateTimeOffset.MaxValue - start).Ticks / interval.Ticks < ticks - 1)
        {
            throw new UsageException($"{Ticks}: {ticks} ticks {interval} apart from {start:yyyy-MM-dd} run past the year 9999");
        }

        return new SimulatedSourceOptions
        {
            Symbols = symbols,
            Seed = options.Value(Seed) is { } seed ? OptionValues.Integer(Seed, seed) : 1,
            TicksPerSymbol = ticks,
            TickInterval = interval,
            StartTime = start,
            Volatility = options.Value(Volatility) is { } v ? OptionValues.PositiveDouble(Volatility, v, 1000) / 100 : 1.0,
            StartPrice = options.Value(StartPrice) is { } p ? OptionValues.PositiveDecimal(StartPrice, p) : 1000m,
            Decimals = options.Value(Decimals) is { } d ? (int)OptionValues.Integer(Decimals, d, 0, 10) : 2,
            Pacing = TickPacing.AsFastAsPossible,
        };
    }

    private static string Report(SimulatedMarketSource source, SimulatedSourceOptions settings, string destination) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"simulate: wrote {Words.Count(source.Statistics.Accepted, "simulated tick")} ({Words.Count(settings.Symbols.Count, "symbol")} x {settings.TicksPerSymbol}, seed {settings.Seed}) to {destination}");
}
