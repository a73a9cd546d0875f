using QuantPulse.Analytics;
using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Api;

/// <summary>The answer of a pair back-test.</summary>
internal sealed record PairBacktestDto(
    string Kind,
    string A,
    string B,
    string Interval,
    string Method,
    int Bars,
    PairMetricsDto Metrics,
    IReadOnlyList<PairTradeDto> Trades,
    IReadOnlyList<EquityDto> Equity)
{
    public static PairBacktestDto From(string a, string b, Timeframe timeframe, int bars, HedgeMethod method, PairBacktestResult result)
    {
        var m = result.Metrics;
        var peak = double.MinValue;
        return new PairBacktestDto(
            "pair",
            a,
            b,
            timeframe.Name,
            method switch { HedgeMethod.Huber => "huber", HedgeMethod.Kalman => "kalman", _ => "ols" },
            bars,
            PairMetricsDto.From(m),
            [.. result.Trades.Select(t => new PairTradeDto(
                t.EntryTime, t.ExitTime, t.Direction == SpreadDirection.Long ? "long" : "short", Finite.Of(t.EntryZ), Finite.Of(t.ExitZ),
                Reason(t.Reason), t.Pnl, t.Bars))],
            [.. result.EquityTimes.Select((time, i) =>
            {
                peak = Math.Max(peak, result.Equity[i]);
                return new EquityDto(time, result.Equity[i], peak > 0 ? (result.Equity[i] / peak) - 1 : 0);
            })]);
    }

    private static string Reason(PairExitReason reason) => reason switch
    {
        PairExitReason.Stop => "stop",
        PairExitReason.MaxBars => "max_bars",
        PairExitReason.End => "end",
        _ => "exit",
    };
}

/// <summary>
/// The back-test metric set, of a pair and of a strategy back-test alike (null where a figure is undefined, such as
/// Sharpe without variance).
/// </summary>
internal sealed record PairMetricsDto(
    double? TotalReturn,
    double? AnnualizedReturn,
    double? Sharpe,
    double? Sortino,
    double? Calmar,
    double? MaxDrawdown,
    int MaxDrawdownBars,
    double? WinRate,
    double? ProfitFactor,
    double? Expectancy,
    int Trades,
    double? Exposure,
    double? PeriodsPerYear)
{
    public static PairMetricsDto From(PairMetrics m) => new(
        Finite.Of(m.TotalReturn), Finite.Of(m.AnnualizedReturn), Finite.Of(m.Sharpe), Finite.Of(m.Sortino), Finite.Of(m.Calmar),
        Finite.Of(m.MaxDrawdown), m.MaxDrawdownBars, Finite.Of(m.WinRate), Finite.Of(m.ProfitFactor), Finite.Of(m.Expectancy),
        m.Trades, Finite.Of(m.Exposure), Finite.Of(m.PeriodsPerYear));
}

/// <summary>One pair trade.</summary>
internal sealed record PairTradeDto(DateTimeOffset EntryTime, DateTimeOffset ExitTime, string Direction, double? EntryZ, double? ExitZ, string ExitReason, double Pnl, int Bars);

/// <summary>One point of an equity curve: equity (pair: starting at 1; strategy: cumulative movement %) and drawdown.</summary>
internal sealed record EquityDto(DateTimeOffset Time, double Equity, double Drawdown);

/// <summary>
/// The answer of a strategy back-test: <c>metrics</c> is the pair back-test's metric set, <c>summary</c> the trade
/// counts and movement figures of <c>quantpulse backtest</c>.
/// </summary>
internal sealed record StrategyBacktestDto(
    string Kind,
    string Symbol,
    string Interval,
    string Strategy,
    int Ticks,
    bool DerivedFromCandles,
    int Signals,
    PairMetricsDto Metrics,
    StrategyBacktestMetrics Summary,
    IReadOnlyList<TradeDto> Trades,
    IReadOnlyList<EquityDto> Equity)
{
    public static StrategyBacktestDto From(StrategyBacktestResult result) => new(
        "strategy",
        result.Symbol,
        result.Timeframe.Name,
        result.Strategy,
        result.Ticks,
        result.DerivedFromCandles,
        result.Signals.Count,
        PairMetricsDto.From(result.Performance),
        result.Metrics,
        [.. result.Trades.Select(t => TradeDto.From(t, result.Strategy.Split('(')[0]))],
        [.. result.Equity.Select(p => new EquityDto(p.Time, p.CumulativeMovementPercentage, p.DrawdownPercentage))]);
}

/// <summary>JSON has no NaN or infinity: such figures are written as null.</summary>
internal static class Finite
{
    public static double? Of(double value) => double.IsFinite(value) ? value : null;
}
