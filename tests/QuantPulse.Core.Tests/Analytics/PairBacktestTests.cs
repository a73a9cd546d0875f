using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class PairBacktestTests
{
    // Training bars 0..2 fit b = 1 + 2a exactly; afterwards a = 10 and b = 21 + s_t, so the spread is s_t.
    // Spreads 0,0,0 | 3,1,1,-5,20,20; window 3 gives z_3 = 1.1547 (short), z_4 = -0.218 (exit), z_5 = -0.577,
    // z_6 = -1.1547 (long), z_7 = 1.124, z_8 = 0.577 (still open at the last bar: end).
    private static readonly double[] Spreads = [0, 0, 0, 3, 1, 1, -5, 20, 20];

    private static (DateTimeOffset[] Times, double[] A, double[] B) Bars() => Bars(Spreads);

    private static (DateTimeOffset[] Times, double[] A, double[] B) Bars(double[] spreads)
    {
        var a = new double[spreads.Length];
        var b = new double[spreads.Length];
        for (var t = 0; t < spreads.Length; t++)
        {
            a[t] = t < 3 ? t + 1 : 10;
            b[t] = 1 + (2 * a[t]) + spreads[t];
        }

        return ([.. Enumerable.Range(0, spreads.Length).Select(i => DateTimeOffset.UnixEpoch.AddDays(i))], a, b);
    }

    [Fact]
    public void Run_AfterStop_NoEntryUntilZHasBeenInsideTheExitLevel()
    {
        // Spreads after training −2, −3, 3, −5, 0, 4, 5, 3 with window 3 give z_3 … z_10 =
        // −1.155, −0.873, 1.141, −0.801, 0.165, 0.961, 0.756, −1.0 (entry 0.6, exit 0.3, stop 1.1):
        // z_3 is beyond the stop (no entry), z_4 enters long, z_5 stops it, z_6 would enter but is locked out,
        // z_7 is inside the exit level (lock lifted, no entry there), z_8 enters short.
        var (times, a, b) = Bars([0, 0, 0, -2, -3, 3, -5, 0, 4, 5, 3]);
        var z = SpreadStatistics.RollingZScore(b.Select((v, t) => v - 1 - (2 * a[t])).ToArray(), 3);
        Assert.InRange(Math.Abs(z[6]!.Value), 0.6, 1.1);

        var result = PairBacktest.Run(times, a, b, new PairBacktestOptions(0.6, 0.3, 1.1, 3) { Train = 3 });

        Assert.Equal(2, result.Trades.Count);
        Assert.Equal((times[4], times[5], SpreadDirection.Long, PairExitReason.Stop), (result.Trades[0].EntryTime, result.Trades[0].ExitTime, result.Trades[0].Direction, result.Trades[0].Reason));
        Assert.Equal((times[8], SpreadDirection.Short), (result.Trades[1].EntryTime, result.Trades[1].Direction));
    }

    [Fact]
    public void Run_HandComputedSeries_SharpeSortinoCalmarFromTheBarReturns()
    {
        var (times, a, b) = Bars();

        var m = PairBacktest.Run(times, a, b, new PairBacktestOptions(1.0, 0.5, 3.0, 3) { Train = 3 }).Metrics;

        // Bar returns 3..8 on the notional at entry (44, then 36): 0 (entry), +2/44 (exit), 0, 0 (entry),
        // +25/36, 0; sample σ over 6 bars, downside deviation 0 (no losing bar), 365.25 daily bars a year.
        double[] r = [0, 2.0 / 44, 0, 0, 25.0 / 36, 0];
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 5);
        Assert.Equal(mean / sd * Math.Sqrt(365.25), m.Sharpe, 1e-9);
        Assert.Equal(double.PositiveInfinity, m.Sortino);
        Assert.Equal(1.0, m.AnnualizedReturn / (Math.Pow(1 + r.Sum(), 365.25 / 6) - 1), 1e-12);
        Assert.Equal(double.PositiveInfinity, m.Calmar);
    }

    [Fact]
    public void Run_HandComputedSeries_TradesAsComputedByHand()
    {
        var (times, a, b) = Bars();

        var result = PairBacktest.Run(times, a, b, new PairBacktestOptions(1.0, 0.5, 3.0, 3) { Train = 3 });

        Assert.Equal(2, result.Trades.Count);
        var first = result.Trades[0];
        Assert.Equal((times[3], times[4], SpreadDirection.Short, PairExitReason.Exit), (first.EntryTime, first.ExitTime, first.Direction, first.Reason));
        Assert.Equal(2 / Math.Sqrt(3), first.EntryZ, 1e-12);
        Assert.Equal(2.0, first.Pnl, 1e-12);
        Assert.Equal(44.0, first.Notional, 1e-12);
        var second = result.Trades[1];
        Assert.Equal((times[6], times[8], SpreadDirection.Long, PairExitReason.End), (second.EntryTime, second.ExitTime, second.Direction, second.Reason));
        Assert.Equal(25.0, second.Pnl, 1e-12);
        Assert.Equal(1 + (2.0 / 44) + (25.0 / 36), result.Equity[^1], 1e-12);
        Assert.Equal(7, result.Equity.Count);
        Assert.Equal((2.0 / 44) + (25.0 / 36), result.Metrics.TotalReturn, 1e-12);
        Assert.Equal(1.0, result.Metrics.WinRate);
        Assert.Equal(13.5, result.Metrics.Expectancy, 1e-12);
        Assert.Equal(3.0 / 6, result.Metrics.Exposure, 1e-12);
        Assert.Equal(0.0, result.Metrics.MaxDrawdown);
        Assert.Equal(365.25, result.Metrics.PeriodsPerYear, 1e-12);
    }

    [Fact]
    public void Run_Fee_ChargedOnEachLegOfEachFill()
    {
        var (times, a, b) = Bars();

        var result = PairBacktest.Run(times, a, b, new PairBacktestOptions(1.0, 0.5, 3.0, 3) { Train = 3, FeeBps = 10 });

        // Entry: b 24 + 2 × a 10 = 44 gross; exit: 22 + 20 = 42; 10 bps of each.
        Assert.Equal(2 - 0.044 - 0.042, result.Trades[0].Pnl, 1e-12);
    }

    [Fact]
    public void Run_StopLevelReached_StopsOut()
    {
        var (times, a, b) = Bars();

        var result = PairBacktest.Run(times, a, b, new PairBacktestOptions(0.55, 0.5, 1.1, 3) { Train = 3 });

        // z_3 = 1.1547 is beyond the stop (no entry); z_5 = -0.577 enters long; z_6 = -1.1547 stops it: s_6 − s_5 = −6.
        var trade = Assert.Single(result.Trades);
        Assert.Equal((times[5], times[6], SpreadDirection.Long, PairExitReason.Stop), (trade.EntryTime, trade.ExitTime, trade.Direction, trade.Reason));
        Assert.Equal(-6.0, trade.Pnl, 1e-12);
        Assert.Equal(0.0, result.Metrics.WinRate);
        Assert.Equal(6.0 / 42, result.Metrics.MaxDrawdown, 1e-12);
    }

    [Fact]
    public void Run_MaxBars_ClosesAfterTheLimit()
    {
        var (times, a, b) = Bars();

        var result = PairBacktest.Run(times, a, b, new PairBacktestOptions(1.0, 0.5, 3.0, 3) { Train = 3, MaxBars = 1 });

        Assert.Equal(PairExitReason.MaxBars, result.Trades[^1].Reason);
        Assert.Equal(times[7], result.Trades[^1].ExitTime);
    }

    [Fact]
    public void Run_Kalman_UsesThePreviousBarsState()
    {
        var (times, a, b) = Bars();
        var path = KalmanHedge.Filter(a, b);

        var result = PairBacktest.Run(times, a, b, new PairBacktestOptions(0.5, 0.1, 10, 3) { Train = 3, Method = HedgeMethod.Kalman });

        Assert.All(result.Trades, t => Assert.True(t.EntryTime >= times[3]));
        var first = result.Trades[0];
        var entry = Array.IndexOf(times, first.EntryTime);
        Assert.Equal(b[entry] + (Math.Abs(path[entry - 1]!.Value.Beta) * a[entry]), first.Notional, 1e-9);
    }

    [Fact]
    public void Run_LevelsOutOfOrder_Throws()
    {
        var (times, a, b) = Bars();

        Assert.Throws<ArgumentException>(() => PairBacktest.Run(times, a, b, new PairBacktestOptions(1.0, 2.0, 3.0, 3)));
    }

    [Fact]
    public void Run_LongSeries_EveryTradesZIsTheTwoPassZScoreOfItsBar()
    {
        // b = 2 + 1.5·a + u with u an AR(1) (0.9) and a a random walk near 5,000; 20,000 hourly bars.
        var random = new Random(5);
        const int n = 20_000;
        var a = new double[n];
        var b = new double[n];
        var times = new DateTimeOffset[n];
        double level = 5_000, u = 0;
        for (var t = 0; t < n; t++)
        {
            level += random.NextDouble() - 0.5;
            u = (0.9 * u) + (random.NextDouble() - 0.5);
            a[t] = level;
            b[t] = 2 + (1.5 * level) + u;
            times[t] = DateTimeOffset.UnixEpoch.AddHours(t);
        }

        var options = new PairBacktestOptions(1.5, 0.3, 3.5, 50) { Train = 5_000 };
        var spread = HedgeRatio.Ols(a[..5_000], b[..5_000]).Spread(a, b);

        var result = PairBacktest.Run(times, a, b, options);

        Assert.True(result.Trades.Count > 50, $"{result.Trades.Count} trades");
        foreach (var trade in result.Trades)
        {
            var entry = (int)(trade.EntryTime - DateTimeOffset.UnixEpoch).TotalHours;
            var exit = (int)(trade.ExitTime - DateTimeOffset.UnixEpoch).TotalHours;
            Assert.Equal(SpreadStatistics.ZScore(spread, entry, 50)!.Value, trade.EntryZ, 1e-9);
            Assert.Equal(SpreadStatistics.ZScore(spread, exit, 50)!.Value, trade.ExitZ, 1e-9);
        }
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 2.0, 1.0 }, 1.5)]
    [InlineData(new[] { 5.0, 1.0, 4.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 5.0, 1.0, 4.0, 1.0, 2.0, 9.0 }, 3.0)]
    [InlineData(new[] { 7.0, 7.0, 7.0, 7.0 }, 7.0)]
    public void Median_BySelection_IsTheMiddleOfTheSortedValues(double[] values, double expected) =>
        Assert.Equal(expected, PairBacktest.Median([.. values]));

    [Fact]
    public void Median_ManyRandomValuesWithTies_EqualsTheMedianOfTheSortedCopy()
    {
        var random = new Random(9);
        foreach (var length in new[] { 1_000, 1_001 })
        {
            var values = Enumerable.Range(0, length).Select(_ => (double)random.Next(50)).ToArray();
            var sorted = values.Order().ToArray();
            var expected = length % 2 == 1 ? sorted[length / 2] : (sorted[(length / 2) - 1] + sorted[length / 2]) / 2;

            Assert.Equal(expected, PairBacktest.Median(values));
        }
    }
}
