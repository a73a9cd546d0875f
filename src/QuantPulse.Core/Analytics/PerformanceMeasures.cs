namespace QuantPulse.Analytics;

/// <summary>The metric set shared by the pair and the strategy back-tests (conventions in docs/analytics.md).</summary>
internal static class PerformanceMeasures
{
    /// <summary>Computes the metrics.</summary>
    /// <param name="equity">The equity curve, starting at 1 before the first period.</param>
    /// <param name="returns">Per-period returns (equity changes), one per period after the start.</param>
    /// <param name="pnls">Each trade's P&amp;L, in the unit the expectancy is reported in.</param>
    /// <param name="periodsPerYear">Periods in a year.</param>
    /// <param name="exposure">The fraction of the periods with a position held.</param>
    public static PairMetrics Compute(IReadOnlyList<double> equity, IReadOnlyList<double> returns, IReadOnlyList<double> pnls, double periodsPerYear, double exposure)
    {
        var bars = returns.Count;
        var total = equity[^1] - 1;
        var annualized = bars == 0 ? double.NaN : equity[^1] > 0 ? Math.Pow(equity[^1], periodsPerYear / bars) - 1 : -1;
        var mean = bars > 0 ? returns.Average() : double.NaN;
        var sd = bars > 1 ? Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (bars - 1)) : double.NaN;
        var downside = bars > 0 ? Math.Sqrt(returns.Sum(r => r < 0 ? r * r : 0) / bars) : double.NaN;
        var (drawdown, drawdownBars) = Drawdown(equity);
        var profit = pnls.Where(p => p > 0).Sum();
        var loss = -pnls.Where(p => p < 0).Sum();
        return new PairMetrics(
            total,
            annualized,
            Ratio(mean, sd) * Math.Sqrt(periodsPerYear),
            Ratio(mean, downside) * Math.Sqrt(periodsPerYear),
            Ratio(annualized, drawdown),
            drawdown,
            drawdownBars,
            pnls.Count > 0 ? pnls.Count(p => p > 0) / (double)pnls.Count : double.NaN,
            Ratio(profit, loss),
            pnls.Count > 0 ? pnls.Average() : double.NaN,
            pnls.Count,
            exposure,
            periodsPerYear);
    }

    // x / y, NaN for 0/0 and ±∞ for x/0 (printed as null).
    private static double Ratio(double x, double y) => y == 0 ? (x == 0 ? double.NaN : x / y) : x / y;

    private static (double Fraction, int Bars) Drawdown(IReadOnlyList<double> equity)
    {
        var peak = equity[0];
        var worst = 0.0;
        var longest = 0;
        var since = 0;
        foreach (var value in equity)
        {
            if (value >= peak)
            {
                peak = value;
                since = 0;
                continue;
            }

            since++;
            longest = Math.Max(longest, since);
            worst = Math.Max(worst, (peak - value) / peak);
        }

        return (worst, longest);
    }
}
