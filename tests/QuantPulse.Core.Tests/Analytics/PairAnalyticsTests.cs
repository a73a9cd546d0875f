using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class PairAnalyticsTests
{
    // a wanders; b = 2 + 1.5·a + small noise (sin of t², which no short linear recurrence reproduces).
    private static (double[] A, double[] B) Series()
    {
        var a = new double[120];
        var b = new double[120];
        for (var t = 0; t < a.Length; t++)
        {
            a[t] = (t == 0 ? 50 : a[t - 1]) + Math.Sin(t * t * 0.37);
            b[t] = 2 + (1.5 * a[t]) + (0.5 * Math.Sin(t * t * 0.71));
        }

        return (a, b);
    }

    [Fact]
    public void Analyze_Ols_FieldsEqualTheSingleFunctions()
    {
        var (a, b) = Series();

        var report = PairAnalytics.Analyze(a, b, HedgeMethod.Ols, LagCriterion.Aic, null, 20);

        var fit = HedgeRatio.Ols(a, b);
        Assert.Equal(fit, report.Fit);
        Assert.Equal(AugmentedDickeyFuller.Test(b), report.Adf);
        Assert.Equal(EngleGranger.Test(b, a).Statistic, report.EngleGranger.Statistic);
        var spread = fit.Spread(a, b);
        Assert.Equal(spread, report.Spread);
        Assert.Equal(SpreadStatistics.RollingZScore(spread, 20), report.ZScore);
        Assert.Equal(report.ZScore[^1], report.ZScoreLast);
        Assert.Equal(SpreadStatistics.HalfLife(spread), report.HalfLife);
        Assert.Equal(Correlation.Pearson(a, b), report.Correlation);
    }

    [Fact]
    public void Analyze_Ols_BetaSeriesIsTheFitOverTheWindowEndingAtEachBar()
    {
        var (a, b) = Series();

        var report = PairAnalytics.Analyze(a, b, HedgeMethod.Ols, window: 20);

        Assert.All(report.Beta.Take(19), beta => Assert.Null(beta));
        var local = HedgeRatio.Ols(a[50..70], b[50..70]);
        Assert.Equal(local.Beta, report.Beta[69]);
        Assert.Equal(local.Alpha, report.Alpha[69]);
    }

    [Fact]
    public void Analyze_Kalman_BetaSeriesIsTheFilteredPath()
    {
        var (a, b) = Series();

        var report = PairAnalytics.Analyze(a, b, HedgeMethod.Kalman, window: 20);

        var path = KalmanHedge.Filter(a, b);
        Assert.Equal(path.Select(s => s?.Beta), report.Beta);
        Assert.Equal(path[^1]!.Value.Beta, report.Fit.Beta);
    }

    [Fact]
    public void Analyze_WindowLongerThanTheData_ZScoreLastIsNaN()
    {
        var (a, b) = Series();

        var report = PairAnalytics.Analyze(a, b, HedgeMethod.Huber, window: 500);

        Assert.True(double.IsNaN(report.ZScoreLast));
        Assert.All(report.Beta, beta => Assert.Null(beta));
    }
}
