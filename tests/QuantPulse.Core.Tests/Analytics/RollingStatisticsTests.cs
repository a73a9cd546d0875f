using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class RollingStatisticsTests
{
    private static readonly double[] Prices = [100, 110, 99, 108.9, 108.9];

    private static double?[] Nullable(params double[] values) => [.. values.Select(v => (double?)v)];

    [Fact]
    public void Returns_Prices_SimpleAndLogFromThePreviousClose()
    {
        var simple = RollingStatistics.Returns(Prices);
        var log = RollingStatistics.LogReturns(Prices);

        Assert.Null(simple[0]);
        Assert.Null(log[0]);
        Assert.Equal([0.1, -0.1, 0.1, 0.0], simple.Skip(1).Select(r => Math.Round(r!.Value, 12)));
        Assert.Equal(Math.Log(1.1), log[1]!.Value, 1e-15);
        Assert.Equal(Math.Log(0.9), log[2]!.Value, 1e-15);
    }

    [Fact]
    public void Returns_ZeroOrNegativePrice_Null()
    {
        Assert.Null(RollingStatistics.Returns([0, 1])[1]);
        Assert.Null(RollingStatistics.LogReturns([-1, 1])[1]);
    }

    [Fact]
    public void MeanStandardDeviationZScore_WindowOfThree_AsComputedByHand()
    {
        var values = Nullable(1, 2, 6, 3);

        var mean = RollingStatistics.Mean(values, 3);
        var sd = RollingStatistics.StandardDeviation(values, 3);
        var z = RollingStatistics.ZScore(values, 3);

        Assert.Equal([null, null], mean.Take(2));
        Assert.Equal(3.0, mean[2]!.Value, 1e-12);
        Assert.Equal(11.0 / 3, mean[3]!.Value, 1e-12);
        // {1,2,6}: squares about 3 are 4, 1, 9 → σ = √(14/2); {2,6,3}: about 11/3 → (25 + 49 + 4)/9 / 2.
        Assert.Equal(Math.Sqrt(7), sd[2]!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(78.0 / 18), sd[3]!.Value, 1e-12);
        Assert.Equal(3 / Math.Sqrt(7), z[2]!.Value, 1e-12);
        Assert.Equal((3 - (11.0 / 3)) / Math.Sqrt(78.0 / 18), z[3]!.Value, 1e-12);
    }

    [Fact]
    public void MinMax_Window_ExtremesOfTheWindow()
    {
        var values = Nullable(5, 1, 4, 3, 9);

        Assert.Equal([null, null, 1.0, 1.0, 3.0], RollingStatistics.Min(values, 3));
        Assert.Equal([null, null, 5.0, 4.0, 9.0], RollingStatistics.Max(values, 3));
    }

    [Fact]
    public void Rolling_NullInTheWindow_NullUntilTheWindowIsFullAgain()
    {
        var mean = RollingStatistics.Mean([1, null, 2, 3, 4], 2);

        Assert.Equal([null, null, null, 2.5, 3.5], mean);
    }

    [Fact]
    public void ZScore_ConstantWindow_Null()
    {
        Assert.Null(RollingStatistics.ZScore(Nullable(2, 2, 2), 3)[2]);
    }

    [Fact]
    public void Vwap_Window_VolumeWeightedMeanAndNullWithoutVolume()
    {
        var vwap = RollingStatistics.Vwap([10, 20, 30, 40], [1, 3, 0, 0], 2);

        Assert.Null(vwap[0]);
        Assert.Equal(17.5, vwap[1]!.Value, 1e-12);
        Assert.Equal(20.0, vwap[2]!.Value, 1e-12);
        Assert.Null(vwap[3]);
    }

    [Fact]
    public void RealizedVolatility_DailyBars_SampleSigmaOfLogReturnsTimesRootOfDaysPerYear()
    {
        var log = RollingStatistics.LogReturns(Prices);

        var volatility = RollingStatistics.RealizedVolatility(log, 3, RollingStatistics.PeriodsPerYear(TimeSpan.FromDays(1)));

        double[] window = [Math.Log(1.1), Math.Log(0.9), Math.Log(1.1)];
        var mean = window.Average();
        var sd = Math.Sqrt(window.Sum(r => (r - mean) * (r - mean)) / 2);
        Assert.Equal([null, null, null], volatility.Take(3));
        Assert.Equal(sd * Math.Sqrt(365.25), volatility[3]!.Value, 1e-12);
    }

    [Fact]
    public void PeriodsPerYear_OneMinute_MinutesInAYearOf365AndAQuarterDays()
    {
        Assert.Equal(525_960.0, RollingStatistics.PeriodsPerYear(TimeSpan.FromMinutes(1)), 1e-9);
    }

    [Fact]
    public void RealizedVolatility_NonPositivePeriods_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RollingStatistics.RealizedVolatility([null, 1, 2], 2, 0));
    }
}
