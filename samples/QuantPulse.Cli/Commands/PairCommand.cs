using System.Text.Json;
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
        var report = AnalyticsOptions.Compute("pair", () => PairAnalytics.Analyze(pair.A, pair.B, pair.Method, criterion, lags, window));
        await AnalyticsOptions.PrintAsync(console, json => Write(json, report));
        return ExitCodes.Success;
    }

    /// <summary>Writes the report's fields, the JSON object <c>quantpulse pair</c> prints.</summary>
    public static void Write(Utf8JsonWriter json, PairAnalysis report)
    {
        json.WriteNumber("n", report.N);
        json.WriteString("method", PairInputs.MethodName(report.Method));
        AnalyticsOptions.Number(json, "alpha", report.Fit.Alpha);
        AnalyticsOptions.Number(json, "beta", report.Fit.Beta);
        AnalyticsOptions.Number(json, "r2", report.Fit.RSquared);
        AnalyticsOptions.Number(json, "se_beta", report.Fit.SeBeta);
        json.WriteStartObject("adf");
        AnalyticsOptions.Test(json, report.Adf.Statistic, report.Adf.PValue, report.Adf.Lags, report.Adf.Critical);
        json.WriteEndObject();
        json.WriteStartObject("eg");
        AnalyticsOptions.Test(json, report.EngleGranger.Statistic, report.EngleGranger.PValue, report.EngleGranger.Lags, report.EngleGranger.Critical);
        json.WriteEndObject();
        AnalyticsOptions.Number(json, "half_life", report.HalfLife);
        AnalyticsOptions.Number(json, "hurst", report.Hurst);
        AnalyticsOptions.Number(json, "zscore_last", report.ZScoreLast);
        AnalyticsOptions.Number(json, "correlation", report.Correlation);
    }
}
