using QuantPulse.Analytics;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;

namespace QuantPulse.Cli.Commands;

/// <summary>The two aligned series and the hedge method <c>pair</c> and <c>pairtest</c> read.</summary>
internal sealed record PairInputs(DateTimeOffset[] Times, double[] A, double[] B, HedgeMethod Method)
{
    private const string AOption = "--a";
    private const string BOption = "--b";
    private const string MethodOption = "--method";

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(AOption, "PATH", "CSV file of series a (the regressor)", Required: true),
        new(BOption, "PATH", "CSV file of series b (b = alpha + beta*a)", Required: true),
        new(AnalyticsOptions.Column, "NAME", "Value column in both files", "close"),
        new(MethodOption, "ols|huber|kalman", "Hedge ratio estimator", "ols"),
    ];

    public static string MethodName(HedgeMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>Reads both files and aligns them on time; at least 3 common times.</summary>
    public static PairInputs Read(ParsedOptions options)
    {
        var method = options.Value(MethodOption) switch
        {
            null or "ols" => HedgeMethod.Ols,
            "huber" => HedgeMethod.Huber,
            "kalman" => HedgeMethod.Kalman,
            var other => throw new UsageException($"{MethodOption}: '{other}' is not ols, huber or kalman"),
        };
        var column = options.Value(AnalyticsOptions.Column) ?? "close";
        var a = SeriesFile.Read(AOption, options.Value(AOption)!, column);
        var b = SeriesFile.Read(BOption, options.Value(BOption)!, column);
        var (times, left, right) = SeriesFile.Align(a, b);
        return times.Length >= 3
            ? new PairInputs(times, left, right, method)
            : throw new UsageException($"{AOption} and {BOption} share {times.Length} times; at least 3 are needed");
    }
}
