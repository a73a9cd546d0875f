using System.Globalization;
using QuantPulse.Analytics;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Analytics;

public class AugmentedDickeyFullerTests
{
    // statsmodels test_stattools.py (values from Stata, good to 5 decimals: the exact statistics in
    // TestData/adf_macrodata_exact.csv differ from them by up to 3e-6); statsmodels asserts 5 decimals for the
    // statistic and p-value and 2 for the critical values, and so does this test.
    [ReferenceTheory]
    [InlineData("realgdp", AdfRegression.Constant, 4, 0.97505319, 0.99399563, -3.476, -2.883, -2.573)]
    [InlineData("realgdp", AdfRegression.ConstantTrend, 4, -1.8566374, 0.67682968, -4.007, -3.437, -3.137)]
    [InlineData("realgdp", AdfRegression.None, 4, 3.5227498, double.NaN, -2.587, -1.950, -1.617)]
    [InlineData("infl", AdfRegression.Constant, 1, -4.3346988, 0.00038661, -3.476, -2.883, -2.573)]
    [InlineData("infl", AdfRegression.ConstantTrend, 1, -4.425093, 0.00199633, -4.006, -3.437, -3.137)]
    [InlineData("infl", AdfRegression.None, 1, -2.4511596, 0.013747, -2.587, -1.950, -1.617)]
    public void Test_MacrodataFixedLag_MatchesStatsmodels(string column, AdfRegression regression, int lags, double stat, double pvalue, double c1, double c5, double c10)
    {
        var series = StatsmodelsData.Column("macrodata.csv", column);

        var result = AugmentedDickeyFuller.Test(series, regression, LagCriterion.Fixed, lags);

        Assert.Equal(stat, result.Statistic, 1e-5);
        if (!double.IsNaN(pvalue))
        {
            Assert.Equal(pvalue, result.PValue, 1e-5);
        }

        Assert.Equal(lags, result.Lags);
        Assert.Equal(series.Length - 1 - lags, result.Nobs);
        Assert.Equal(c1, result.Critical.OnePercent, 1.5e-2);
        Assert.Equal(c5, result.Critical.FivePercent, 1.5e-2);
        Assert.Equal(c10, result.Critical.TenPercent, 1.5e-2);
    }

    // TestData/adf_reference.py solves the same regressions in exact rational arithmetic.
    [ReferenceFact]
    public void Test_MacrodataFixedLag_MatchesExactArithmetic()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Analytics", "TestData", "adf_macrodata_exact.csv")).Skip(1);
        foreach (var row in rows.Select(r => r.Split(',')))
        {
            Assert.True(AugmentedDickeyFuller.TryParse(row[1], out var regression));
            var series = StatsmodelsData.Column("macrodata.csv", row[0]);

            var result = AugmentedDickeyFuller.Test(series, regression, LagCriterion.Fixed, int.Parse(row[2], CultureInfo.InvariantCulture));

            Assert.Equal(double.Parse(row[3], CultureInfo.InvariantCulture), result.Statistic, 1e-9);
        }
    }

    [ReferenceFact]
    public void Test_RealGdpNoConstant_PValueIsOne()
    {
        var series = StatsmodelsData.Column("macrodata.csv", "realgdp");

        var result = AugmentedDickeyFuller.Test(series, AdfRegression.None, LagCriterion.Fixed, 4);

        Assert.Equal(1.0, result.PValue, 1e-5);
    }

    [Fact]
    public void DefaultMaxLag_Length_IsCeilingOfSchwertRuleCappedByHalf()
    {
        Assert.Equal(15, AugmentedDickeyFuller.DefaultMaxLag(203, AdfRegression.Constant));
        Assert.Equal(12, AugmentedDickeyFuller.DefaultMaxLag(100, AdfRegression.Constant));
        Assert.Equal(3, AugmentedDickeyFuller.DefaultMaxLag(10, AdfRegression.Constant));
        Assert.Equal(2, AugmentedDickeyFuller.DefaultMaxLag(10, AdfRegression.ConstantTrend));
    }

    [Fact]
    public void Test_ConstantSeries_Throws()
    {
        Assert.Throws<ArgumentException>(() => AugmentedDickeyFuller.Test([1.0, 1, 1, 1, 1, 1, 1, 1]));
    }

    [Fact]
    public void Test_TooManyLags_Throws()
    {
        double[] series = [1, 3, 2, 5, 4, 6, 5, 8, 7, 9];

        Assert.Throws<ArgumentException>(() => AugmentedDickeyFuller.Test(series, AdfRegression.Constant, LagCriterion.Fixed, 4));
    }

    [Fact]
    public void Test_StationaryNoise_RejectsUnitRoot()
    {
        var random = new Random(7);
        var series = Enumerable.Range(0, 500).Select(_ => random.NextDouble() - 0.5).ToArray();

        var result = AugmentedDickeyFuller.Test(series);

        Assert.True(result.PValue < 0.01, $"p = {result.PValue}");
        Assert.True(result.Statistic < result.Critical.OnePercent);
    }
}
