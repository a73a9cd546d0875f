using QuantPulse.Analytics;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Analytics;

public class EngleGrangerTests
{
    [ReferenceFact]
    public void Test_RealconsOnRealgdpLagZero_MatchesStatsmodelsCoint()
    {
        var realcons = StatsmodelsData.Column("macrodata.csv", "realcons");
        var realgdp = StatsmodelsData.Column("macrodata.csv", "realgdp");

        var result = EngleGranger.Test(realcons, realgdp, LagCriterion.Fixed, 0);

        Assert.Equal(-366.75084504491315, result.Fit.Alpha, 1e-6);
        Assert.Equal(0.7190029567680871, result.Fit.Beta, 1e-9);
        Assert.Equal(-1.830170986148, result.Statistic, 1e-6);
        Assert.Equal(0, result.Lags);
        var expected = MacKinnon.Critical(AdfRegression.Constant, realcons.Length - 1, series: 2);
        Assert.Equal(expected, result.Critical);
        Assert.Equal(MacKinnon.PValue(result.Statistic, AdfRegression.Constant, 2), result.PValue);
    }

    [Fact]
    public void Test_PerfectFit_StatisticIsMinusInfinity()
    {
        double[] x = [1, 2, 4, 3, 5, 7, 6, 8, 9, 11, 10, 12];
        var y = x.Select(v => 2 + (3 * v)).ToArray();

        var result = EngleGranger.Test(y, x);

        Assert.Equal(double.NegativeInfinity, result.Statistic);
        Assert.Equal(0.0, result.PValue);
    }
}
