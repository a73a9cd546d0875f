using QuantPulse.Model;

namespace QuantPulse.Analytics;

/// <summary>
/// The pair back-test's metric set (<see cref="PairMetrics"/>) for the trades of a single-symbol strategy
/// back-test, as the simulator produced them.
/// </summary>
/// <remarks>
/// <para>
/// Each closed trade stakes one unit: its return is <see cref="Trade.MovementPercentage"/> / 100, booked in the bar
/// (of <c>timeframe</c>, on the UTC bucket grid from the bucket of <c>start</c> to the one holding <c>end</c>) in which
/// the trade closed. The equity starts at 1 and adds each bar's booked returns (no compounding, as the pair
/// back-test); the per-bar returns feed Sharpe, Sortino and the drawdown, annualised with
/// <see cref="RollingStatistics.PeriodsPerYear"/> of the timeframe. The simulator gives no prices between entry
/// and exit, so returns are realised at the close, not marked to market.
/// </para>
/// <para>
/// Win rate, profit factor and expectancy are over the closed trades' returns (expectancy as a fraction per trade);
/// exposure is the fraction of the period during which at least one trade was open. Trades still open at
/// <c>end</c> count towards exposure only.
/// </para>
/// </remarks>
public static class StrategyMetrics
{
    /// <summary>Computes the metrics.</summary>
    /// <param name="trades">The back-test's trades, in any order.</param>
    /// <param name="timeframe">The bar length the strategy ran on.</param>
    /// <param name="start">The first instant of the back-test (its first tick).</param>
    /// <param name="end">The last instant of the back-test (its last tick), not before <paramref name="start"/>.</param>
    /// <returns>The metrics; <see cref="PairMetrics.Trades"/> counts the closed trades.</returns>
    /// <exception cref="ArgumentException"><paramref name="timeframe"/> is not valid or <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static PairMetrics Measure(IEnumerable<Trade> trades, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (!timeframe.IsValid || end < start)
        {
            throw new ArgumentException($"A valid timeframe and an end not before the start are needed (start {start:O}, end {end:O}).", nameof(end));
        }

        var first = timeframe.BucketStart(start);
        var length = timeframe.DurationTicks;
        var bars = (int)(((timeframe.BucketStart(end) - first).Ticks / length) + 1);
        var returns = new double[bars];
        var all = trades.ToList();
        var closed = all.Where(t => t is { CloseTime: not null, MovementPercentage: not null })
            .OrderBy(t => t.CloseTime)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var trade in closed)
        {
            var bar = (int)Math.Clamp((trade.CloseTime!.Value - first).Ticks / length, 0, bars - 1);
            returns[bar] += trade.MovementPercentage!.Value / 100;
        }

        var equity = new double[bars + 1];
        equity[0] = 1;
        for (var i = 0; i < bars; i++)
        {
            equity[i + 1] = equity[i] + returns[i];
        }

        var periodEnd = first + TimeSpan.FromTicks(bars * length);
        var exposure = Held(all, first, periodEnd) / (double)(periodEnd - first).Ticks;
        return PerformanceMeasures.Compute(equity, returns, [.. closed.Select(t => t.MovementPercentage!.Value / 100)], RollingStatistics.PeriodsPerYear(timeframe.Duration), exposure);
    }

    // Ticks of [from, to) covered by at least one trade's [open, close) (open trades run to the end).
    private static long Held(List<Trade> trades, DateTimeOffset from, DateTimeOffset to)
    {
        var held = 0L;
        var covered = from;
        foreach (var (open, close) in trades
            .Select(t => (Open: Max(t.OpenTime, from), Close: t.CloseTime is { } c && c < to ? c : to))
            .Where(s => s.Close > s.Open)
            .OrderBy(s => s.Open))
        {
            var begin = Max(open, covered);
            if (close > begin)
            {
                held += (close - begin).Ticks;
                covered = close;
            }
        }

        return held;
    }

    private static DateTimeOffset Max(DateTimeOffset x, DateTimeOffset y) => x > y ? x : y;
}
