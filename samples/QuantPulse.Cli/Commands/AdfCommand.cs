using QuantPulse.Analytics;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;

namespace QuantPulse.Cli.Commands;

/// <summary><c>quantpulse adf</c>: the augmented Dickey-Fuller unit-root test of one column of a CSV file.</summary>
internal sealed class AdfCommand : ICliCommand
{
    private const string Input = "--input";
    private const string Regression = "--regression";
    private const string MaxLags = "--max-lags";

    public string Name => "adf";

    public string Summary => "Augmented Dickey-Fuller unit-root test of a CSV column (statsmodels adfuller semantics)";

    public string Description =>
        "Reads a time column (time, date or open_time) and the value column, and prints one JSON line\n"
        + "{\"stat\",\"pvalue\",\"lags\",\"nobs\",\"regression\",\"crit\":{\"1%\",\"5%\",\"10%\"}} with MacKinnon p-value and\n"
        + "critical values. A number that is not finite (a perfect fit gives stat -inf) is printed as null.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Input, "PATH", "CSV file to read", Required: true),
        new(AnalyticsOptions.Column, "NAME", "Value column", "close"),
        new(Regression, "c|ct|n", "Deterministic terms: constant, constant and trend, none", "c"),
        AnalyticsOptions.LagsOption,
        AnalyticsOptions.AutolagOption,
        new(MaxLags, "N", "Most lags --autolag tries", "12*(nobs/100)^(1/4)"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var regressionText = options.Value(Regression) ?? "c";
        if (!AugmentedDickeyFuller.TryParse(regressionText, out var regression))
        {
            throw new UsageException($"{Regression}: '{regressionText}' is not c, ct or n");
        }

        int? maxLag = options.Value(MaxLags) is { } max ? (int)OptionValues.Integer(MaxLags, max, 0, 10_000) : null;
        if (maxLag is not null && options.Has(AnalyticsOptions.Lags))
        {
            throw new UsageException($"{MaxLags} goes with {AnalyticsOptions.Autolag}, not {AnalyticsOptions.Lags}");
        }

        var (criterion, lags) = AnalyticsOptions.LagRule(options, maxLag);
        var series = SeriesFile.Read(Input, options.Value(Input)!, options.Value(AnalyticsOptions.Column) ?? "close");
        var result = AnalyticsOptions.Compute("adf", () => AugmentedDickeyFuller.Test(series.Values, regression, criterion, lags));
        await AnalyticsOptions.PrintAsync(console, json => AnalyticsOptions.Test(json, result.Statistic, result.PValue, result.Lags, result.Critical, j =>
        {
            j.WriteNumber("nobs", result.Nobs);
            j.WriteString("regression", AugmentedDickeyFuller.Code(result.Regression));
        }));
        return ExitCodes.Success;
    }
}
