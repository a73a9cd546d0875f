using QuantPulse.Analytics;
using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Commands;

/// <summary><c>quantpulse pair</c>: hedge ratio, cointegration and mean-reversion statistics of two series.</summary>
internal sealed class PairCommand : ICliCommand
{
    private const string Window = "--window";

    public string Name => "pair";

    public string Summary => "Pair analytics of b on a: hedge ratio, ADF, Engle-Granger, half-life, Hurst, z-score";

    public string Description =>
        "Reads the value column of two CSV files (each with a time, date or open_time column), aligns them on\n"
        + "time (inner join) and prints one JSON line {\"n\",\"method\",\"alpha\",\"beta\",\"r2\",\"se_beta\",\"adf\",\"eg\",\n"
        + "\"half_life\",\"hurst\",\"zscore_last\",\"correlation\"}: adf is the ADF test of b with a constant, eg the\n"
        + "Engle-Granger test of b on a. A number that is not finite is printed as null.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. PairInputs.Options,
        AnalyticsOptions.LagsOption,
        AnalyticsOptions.AutolagOption,
        new(Window, "N", "Bars in the z-score window", "60"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var (criterion, lags) = AnalyticsOptions.LagRule(options, null);
        var window = (int)OptionValues.Integer(Window, options.Value(Window) ?? "60", 2, int.MaxValue);
        var pair = PairInputs.Read(options);
        var (a, b) = (pair.A, pair.B);
        var fit = AnalyticsOptions.Compute("pair", () => HedgeRatio.Fit(pair.Method, a, b));
        var adf = AnalyticsOptions.Compute("adf of b", () => AugmentedDickeyFuller.Test(b, AdfRegression.Constant, criterion, lags));
        var eg = AnalyticsOptions.Compute("engle-granger", () => EngleGranger.Test(b, a, criterion, lags));
        var spread = fit.Spread(a, b);
        var halfLife = OrNaN(() => SpreadStatistics.HalfLife(spread));
        var hurst = OrNaN(() => SpreadStatistics.Hurst(spread));
        var z = window <= spread.Length ? SpreadStatistics.ZScore(spread, spread.Length - 1, window) : null;
        var correlation = Correlation.Pearson(a, b);
        await AnalyticsOptions.PrintAsync(console, json =>
        {
            json.WriteNumber("n", a.Length);
            json.WriteString("method", PairInputs.MethodName(pair.Method));
            AnalyticsOptions.Number(json, "alpha", fit.Alpha);
            AnalyticsOptions.Number(json, "beta", fit.Beta);
            AnalyticsOptions.Number(json, "r2", fit.RSquared);
            AnalyticsOptions.Number(json, "se_beta", fit.SeBeta);
            json.WriteStartObject("adf");
            AnalyticsOptions.Test(json, adf.Statistic, adf.PValue, adf.Lags, adf.Critical);
            json.WriteEndObject();
            json.WriteStartObject("eg");
            AnalyticsOptions.Test(json, eg.Statistic, eg.PValue, eg.Lags, eg.Critical);
            json.WriteEndObject();
            AnalyticsOptions.Number(json, "half_life", halfLife);
            AnalyticsOptions.Number(json, "hurst", hurst);
            AnalyticsOptions.Number(json, "zscore_last", z ?? double.NaN);
            AnalyticsOptions.Number(json, "correlation", correlation);
        });
        return ExitCodes.Success;
    }

    // A statistic the spread does not support (a constant spread, too few values) is printed as null.
    private static double OrNaN(Func<double> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }
}
