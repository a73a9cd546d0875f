using System.Globalization;
using QuantPulse.Analytics;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Simulation;

namespace QuantPulse.Cli.Commands;

/// <summary>The one-screen summary of <c>quantpulse backtest</c>: a headline, then one labelled line per figure.</summary>
/// <remarks>
/// The figures come from <see cref="TradeStatisticsBuilder"/>, as the stores' statistics do: the win rate is wins over
/// closed trades (an expired trade is not a win); the average movement and duration are over closed trades. Every
/// figure is of this run's trades as the database holds them.
/// </remarks>
internal static class BacktestSummary
{
    private const int LabelWidth = 14;

    /// <summary>The summary lines.</summary>
    public static IReadOnlyList<string> Lines(
        BacktestRun run,
        IReadOnlyList<Trade> trades,
        BacktestSettings settings,
        string input,
        string database,
        string output,
        string runId)
    {
        var figures = TradeStatisticsBuilder.Summarize(trades);
        var (wins, losses, expired, closed) = (figures.Wins, figures.Losses, figures.Expired, figures.Closed);
        var signals = run.SignalStatistics;
        var simulator = run.Simulator;
        return
        [
            Invariant($"backtest: {Words.Count(trades.Count, "trade")} from {Words.Count(run.Ticks, "tick")} of {input}, written to {output}"),
            Line("input", Invariant($"{input}: {Words.Count(run.Ticks, "tick")}, {Words.Count(run.Candles.Symbols, "symbol")}{Period(run)}")),
            Line("strategy", Invariant($"{settings.Strategy} on {settings.Timeframe} candles")),
            Line("levels", settings.DescribeLevels()),
            Line("simulator", settings.DescribeSimulator()),
            Line("candles", Invariant($"{run.Candles.CandlesClosed}")),
            Line("signals", Invariant($"{signals.SignalsRaised} raised; {signals.TotalDropped} dropped{Reasons(DropReasons(signals))}")),
            Line("not traded", Invariant($"{Words.Count(simulator.TotalSkipped + simulator.PendingSignals, "signal")}{Reasons(SkipReasons(simulator))}")),
            Line("trades", Invariant($"{trades.Count}: {wins} WIN, {losses} LOSS, {expired} EXPIRED, {figures.Open} open at the end")),
            Line("win rate", closed == 0
                ? "none (no closed trade)"
                : Invariant($"{(100.0 * wins / closed).ToString("0.00", CultureInfo.InvariantCulture)}% ({wins} of {closed} closed trades)")),
            Line("avg movement", figures.AverageMovementPercentage is not { } movement
                ? "none (no closed trade)"
                : movement.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) + "% per closed trade"),
            Line("avg duration", figures.AverageDurationSeconds is not { } duration
                ? "none (no closed trade)"
                : Seconds(duration) + " per closed trade"),
            Line("database", Invariant($"{database}: {Words.Count(run.Sink.CandlesWritten, "candle")}, {Words.Count(run.Sink.SignalsWritten, "signal")}, {Words.Count(trades.Count, "trade")} stored")),
            Line("run", Invariant($"{runId} (the run's signals and trades are stored under this id)")),
            .. MetricLines(run, trades, settings),
        ];
    }

    // The pair back-test's metric set over this run's trades (StrategyMetrics: each closed trade stakes one unit,
    // booked in the bar it closed in); appended after the figures above so those lines keep their places.
    private static IEnumerable<string> MetricLines(BacktestRun run, IReadOnlyList<Trade> trades, BacktestSettings settings)
    {
        if (run.Period is not var (first, last))
        {
            return [];
        }

        var m = Analytics.StrategyMetrics.Measure(trades, settings.Timeframe, first, last);
        return
        [
            Line("returns", Invariant($"total {Percent(m.TotalReturn)}, annualised {Percent(m.AnnualizedReturn)}, max drawdown {Percent(m.MaxDrawdown, signed: false)} over {Words.Count(m.MaxDrawdownBars, "bar")}")),
            Line("risk-adjusted", Invariant($"Sharpe {Figure(m.Sharpe)}, Sortino {Figure(m.Sortino)}, Calmar {Figure(m.Calmar)} ({Figure(m.PeriodsPerYear)} {settings.Timeframe} bars a year)")),
            Line("per trade", Invariant($"profit factor {Figure(m.ProfitFactor)}, expectancy {Percent(m.Expectancy)} per closed trade, exposure {Percent(m.Exposure, signed: false)} of the time")),
        ];
    }

    private static string Figure(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    private static string Percent(double fraction, bool signed = true) =>
        double.IsFinite(fraction)
            ? (100 * fraction).ToString(signed ? "+0.0000;-0.0000;0.0000" : "0.0000", CultureInfo.InvariantCulture) + "%"
            : "n/a";

    private static string Line(string label, string text) => "  " + label.PadRight(LabelWidth) + text;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Period(BacktestRun run) => run.Period is var (first, last)
        ? Invariant($", {Time(first)} to {Time(last)}")
        : string.Empty;

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Reasons(IEnumerable<(long Count, string Reason)> reasons)
    {
        var listed = reasons.Where(r => r.Count > 0).Select(r => Invariant($"{r.Count} {r.Reason}")).ToList();
        return listed.Count == 0 ? string.Empty : ": " + string.Join(", ", listed);
    }

    private static IEnumerable<(long, string)> DropReasons(SignalStatistics signals) =>
    [
        (signals.DroppedBelowMinimumRiskReward, "below min reward/risk"),
        (signals.DroppedBelowMinimumConfidence, "below min confidence"),
        (signals.DroppedNoRisk, "no risk (stop at the entry: ATR warming up or zero)"),
        (signals.DroppedInvalidLevels, "invalid levels"),
    ];

    private static IEnumerable<(long, string)> SkipReasons(SimulatorStatistics simulator) =>
    [
        (simulator.SkippedTooManyOpenTrades, "too many open trades"),
        (simulator.SkippedFillBeyondLevel, "fill beyond a level"),
        (simulator.SkippedInvalidSignal, "invalid signal"),
        (simulator.SkippedAlreadyTraded, "already traded"),
        (simulator.PendingSignals, "pending at the end (no later tick to open on)"),
    ];

    private static string Seconds(double seconds)
    {
        var text = seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        var whole = TimeSpan.FromSeconds(Math.Round(seconds));
        return whole.TotalMinutes < 1
            ? text
            : text + " (" + (whole.TotalHours >= 1 ? Invariant($"{(long)whole.TotalHours}h {whole.Minutes}m {whole.Seconds}s") : Invariant($"{whole.Minutes}m {whole.Seconds}s")) + ")";
    }
}
