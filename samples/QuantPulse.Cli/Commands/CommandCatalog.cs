namespace QuantPulse.Cli.Commands;

/// <summary>Every <c>quantpulse</c> command, in the order the help lists them.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new SimulateCommand(),
        new RecordCommand(),
        new CandlesCommand(),
        new DbnCommand(),
        new IndicatorsCommand(),
        new BacktestCommand(),
        new AdfCommand(),
        new PairCommand(),
        new PairTestCommand(),
        new TokenCommand(),
    ];

    public static ICliCommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
