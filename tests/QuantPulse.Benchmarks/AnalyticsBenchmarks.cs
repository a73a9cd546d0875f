using BenchmarkDotNet.Attributes;
using QuantPulse.Analytics;

namespace QuantPulse.Benchmarks;

/// <summary>
/// Regressions and the ADF test on 100,000 points, and the pair back-test on 1,000,000 bars. The pair is simulated:
/// <c>a</c> is the seeded market's first symbol and <c>b = 2 + 1.5·a + u</c>, with <c>u</c> an AR(1) (0.95) driven
/// by the second symbol's price changes. One operation = one whole call.
/// </summary>
[MemoryDiagnoser]
public class AnalyticsBenchmarks
{
    private const int RegressionPoints = 100_000;
    private const int BacktestBars = 1_000_000;
    private double[] _a = [];
    private double[] _b = [];
    private double[] _a100K = [];
    private double[] _b100K = [];
    private DateTimeOffset[] _times = [];
    private double[] _spread = [];
    private double[] _z = [];
    private double[] _intervals = [];

    [GlobalSetup]
    public void Setup()
    {
        var ticks = MarketData.Ticks(2, BacktestBars);
        _a = new double[BacktestBars];
        _b = new double[BacktestBars];
        _times = new DateTimeOffset[BacktestBars];
        var noise = 0.0;
        for (var i = 0; i < BacktestBars; i++)
        {
            var a = (double)ticks[2 * i].Price;
            var driver = (double)ticks[(2 * i) + 1].Price;
            var previous = i > 0 ? (double)ticks[(2 * i) - 1].Price : driver;
            noise = (0.95 * noise) + (driver - previous);
            _a[i] = a;
            _b[i] = 2 + (1.5 * a) + noise;
            _times[i] = MarketData.Start.AddMinutes(i);
        }

        _spread = HedgeRatio.Ols(_a[..(BacktestBars / 3)], _b[..(BacktestBars / 3)]).Spread(_a, _b);
        _z = new double[BacktestBars];
        _intervals = [.. _times.Skip(1).Select((t, i) => (t - _times[i]).TotalDays)];
        _a100K = _a[..RegressionPoints];
        _b100K = _b[..RegressionPoints];
    }

    [Benchmark]
    public double Ols_100K() => HedgeRatio.Ols(_a100K, _b100K).Beta;

    [Benchmark]
    public double Huber_100K() => HuberRegression.HedgeRatio(_a100K, _b100K).Beta;

    [Benchmark]
    public double Kalman_100K() => KalmanHedge.Filter(_a100K, _b100K)[^1]!.Value.Beta;

    /// <summary>ADF with a constant and 4 fixed lags.</summary>
    [Benchmark]
    public double Adf_FixedLag4_100K() => AugmentedDickeyFuller.Test(_b100K, AdfRegression.Constant, LagCriterion.Fixed, 4).Statistic;

    /// <summary>ADF with a constant, lags 0..12 searched by AIC.</summary>
    [Benchmark]
    public double Adf_AicUpTo12_100K() => AugmentedDickeyFuller.Test(_b100K, AdfRegression.Constant, LagCriterion.Aic, 12).Statistic;

    /// <summary>ADF with a constant, statsmodels' default search: lags 0..⌈12·(n/100)^¼⌉ = 68 by AIC.</summary>
    [Benchmark]
    public double Adf_AicDefault_100K() => AugmentedDickeyFuller.Test(_b100K).Statistic;

    /// <summary>The pair back-test: OLS on the first third, z over 60 bars, entry 2, exit 0.5, stop 4, 1 bp fees.</summary>
    [Benchmark]
    public int PairBacktest_Ols_1M() =>
        PairBacktest.Run(_times, _a, _b, new PairBacktestOptions(2, 0.5, 4, 60) { FeeBps = 1 }).Metrics.Trades;

    /// <summary>The same with the Kalman hedge ratio of the previous bar.</summary>
    [Benchmark]
    public int PairBacktest_Kalman_1M() =>
        PairBacktest.Run(_times, _a, _b, new PairBacktestOptions(2, 0.5, 4, 60) { FeeBps = 1, Method = HedgeMethod.Kalman }).Metrics.Trades;

    // The back-test's stages on the same 1,000,000 bars, each against what it replaced.

    /// <summary>Stage: the OLS fit on the training third (333,333 bars).</summary>
    [Benchmark]
    public double Stage_TrainingFit_Ols() => HedgeRatio.Ols(new ArraySegment<double>(_a, 0, BacktestBars / 3), new ArraySegment<double>(_b, 0, BacktestBars / 3)).Beta;

    /// <summary>Stage: the spread's z-score over 60 bars with running sums (what the back-test uses).</summary>
    [Benchmark]
    public double Stage_ZScore_Running()
    {
        SpreadStatistics.RollingZScores(_spread, 60, _z);
        return _z[^1];
    }

    /// <summary>Stage: the same z-scores with both passes over each window (what the back-test did before).</summary>
    [Benchmark]
    public double Stage_ZScore_TwoPassPerBar()
    {
        for (var t = 59; t < _spread.Length; t++)
        {
            _z[t] = SpreadStatistics.ZScore(_spread, t, 60) ?? double.NaN;
        }

        return _z[^1];
    }

    /// <summary>Stage: the median bar interval by selection (what the back-test uses).</summary>
    [Benchmark]
    public double Stage_MedianInterval_Selection() => PairBacktest.Median([.. _intervals]);

    /// <summary>Stage: the median bar interval by a full sort (what the back-test did before).</summary>
    [Benchmark]
    public double Stage_MedianInterval_Sort()
    {
        double[] copy = [.. _intervals];
        Array.Sort(copy);
        return (copy[(copy.Length / 2) - 1] + copy[copy.Length / 2]) / 2;
    }
}
