using System.Text.Json.Serialization;
using QuantPulse.Analytics;

namespace QuantPulse.Dashboard.Api;

/// <summary>Numbers of the analytics answers: a value that is not finite (undefined, ±∞) is written as null.</summary>
internal static class AnalyticsNumbers
{
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static double? Finite(double? value) => value is { } v ? Finite(v) : null;

    public static double?[] Finite(IEnumerable<double?> values) => [.. values.Select(Finite)];

    public static double?[] Finite(IEnumerable<double> values) => [.. values.Select(v => Finite(v))];
}

/// <summary><c>GET /api/analytics/symbol</c>.</summary>
internal sealed record SymbolAnalyticsDto(
    string Symbol,
    string Interval,
    int Window,
    double PeriodsPerYear,
    IReadOnlyList<SymbolPointDto> Points);

/// <summary>One bar of <see cref="SymbolAnalyticsDto"/>.</summary>
internal sealed record SymbolPointDto(
    DateTimeOffset OpenTime,
    double Close,
    double? Return,
    double? LogReturn,
    double? Mean,
    double? Std,
    [property: JsonPropertyName("zscore")] double? ZScore,
    double? Min,
    double? Max,
    double? Vwap,
    double? RealizedVolatility)
{
    public static SymbolPointDto From(SymbolAnalysisPoint p) => new(
        p.OpenTime,
        p.Close,
        AnalyticsNumbers.Finite(p.Return),
        AnalyticsNumbers.Finite(p.LogReturn),
        AnalyticsNumbers.Finite(p.Mean),
        AnalyticsNumbers.Finite(p.StdDev),
        AnalyticsNumbers.Finite(p.ZScore),
        AnalyticsNumbers.Finite(p.Min),
        AnalyticsNumbers.Finite(p.Max),
        AnalyticsNumbers.Finite(p.Vwap),
        AnalyticsNumbers.Finite(p.RealizedVolatility));
}

/// <summary><c>GET /api/analytics/correlation</c>.</summary>
internal sealed record CorrelationDto(
    IReadOnlyList<string> Symbols,
    string Interval,
    int Window,
    string Basis,
    int N,
    IReadOnlyList<double?[]> Matrix,
    IReadOnlyList<DateTimeOffset> Times,
    IReadOnlyList<RollingCorrelationDto> Rolling);

/// <summary>The rolling correlation of one pair of <see cref="CorrelationDto"/>, aligned with its times.</summary>
internal sealed record RollingCorrelationDto(string A, string B, double?[] Correlation);

/// <summary><c>GET /api/analytics/pair</c>: the JSON <c>quantpulse pair</c> prints, plus the series.</summary>
internal sealed record PairAnalyticsDto(
    string A,
    string B,
    string Interval,
    int Window,
    int N,
    string Method,
    double? Alpha,
    double? Beta,
    double? R2,
    double? SeBeta,
    UnitRootTestDto Adf,
    UnitRootTestDto Eg,
    double? HalfLife,
    double? Hurst,
    [property: JsonPropertyName("zscore_last")] double? ZScoreLast,
    double? Correlation,
    PairSeriesDto Series)
{
    public static PairAnalyticsDto From(string a, string b, string interval, int window, IReadOnlyList<DateTimeOffset> times, PairAnalysis report) => new(
        a,
        b,
        interval,
        window,
        report.N,
        report.Method switch { HedgeMethod.Huber => "huber", HedgeMethod.Kalman => "kalman", _ => "ols" },
        AnalyticsNumbers.Finite(report.Fit.Alpha),
        AnalyticsNumbers.Finite(report.Fit.Beta),
        AnalyticsNumbers.Finite(report.Fit.RSquared),
        AnalyticsNumbers.Finite(report.Fit.SeBeta),
        UnitRootTestDto.From(report.Adf.Statistic, report.Adf.PValue, report.Adf.Lags, report.Adf.Critical),
        UnitRootTestDto.From(report.EngleGranger.Statistic, report.EngleGranger.PValue, report.EngleGranger.Lags, report.EngleGranger.Critical),
        AnalyticsNumbers.Finite(report.HalfLife),
        AnalyticsNumbers.Finite(report.Hurst),
        AnalyticsNumbers.Finite(report.ZScoreLast),
        AnalyticsNumbers.Finite(report.Correlation),
        new PairSeriesDto(
            times,
            AnalyticsNumbers.Finite(report.Spread),
            AnalyticsNumbers.Finite(report.ZScore),
            AnalyticsNumbers.Finite(report.Beta),
            AnalyticsNumbers.Finite(report.Alpha)));
}

/// <summary>An ADF or Engle-Granger result as the CLI prints it.</summary>
internal sealed record UnitRootTestDto(
    double? Stat,
    [property: JsonPropertyName("pvalue")] double? PValue,
    int Lags,
    IReadOnlyDictionary<string, double?> Crit)
{
    public static UnitRootTestDto From(double statistic, double pvalue, int lags, CriticalValues critical) => new(
        AnalyticsNumbers.Finite(statistic),
        AnalyticsNumbers.Finite(pvalue),
        lags,
        new Dictionary<string, double?>
        {
            ["1%"] = AnalyticsNumbers.Finite(critical.OnePercent),
            ["5%"] = AnalyticsNumbers.Finite(critical.FivePercent),
            ["10%"] = AnalyticsNumbers.Finite(critical.TenPercent),
        });
}

/// <summary>The per-bar series of <see cref="PairAnalyticsDto"/>, each aligned with <c>time</c>.</summary>
internal sealed record PairSeriesDto(
    IReadOnlyList<DateTimeOffset> Time,
    double?[] Spread,
    [property: JsonPropertyName("zscore")] double?[] ZScore,
    double?[] Beta,
    double?[] Alpha);
