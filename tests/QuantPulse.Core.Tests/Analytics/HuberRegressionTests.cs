using QuantPulse.Analytics;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Analytics;

public class HuberRegressionTests
{
    // statsmodels robust/tests/results/results_rlm.py::Huber (from R's rlm), asserted there to 4 decimals; the
    // reference stops at its own convergence criterion, so parameters agree to about 1e-3.
    [ReferenceFact]
    public void Fit_Stackloss_MatchesStatsmodelsRlm()
    {
        var y = StatsmodelsData.Column("stackloss.csv", "STACKLOSS");
        double[][] columns =
        [
            StatsmodelsData.Column("stackloss.csv", "AIRFLOW"),
            StatsmodelsData.Column("stackloss.csv", "WATERTEMP"),
            StatsmodelsData.Column("stackloss.csv", "ACIDCONC"),
            LeastSquares.Constant(y.Length),
        ];

        var fit = HuberRegression.Fit(columns, y);

        double[] expected = [0.82937387, 0.92610818, -0.12784916, -41.02653105];
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], fit.Coefficients[j], 1e-3);
        }

        Assert.Equal(2.4407137948148447, fit.Scale, 1e-3);
        Assert.Equal(0.7858871, fit.Weights[2], 1e-3);
        Assert.Equal(0.50494094, fit.Weights[3], 1e-3);
        Assert.Equal(0.36814106, fit.Weights[20], 1e-3);
        Assert.Equal(1.0, fit.Weights[0]);
    }

    [Fact]
    public void HedgeRatio_OneOutlier_StaysNearTrueLineWhereOlsMoves()
    {
        var a = Enumerable.Range(0, 40).Select(i => 100.0 + i).ToArray();
        var b = a.Select((v, i) => 5 + (2 * v) + (i % 2 == 0 ? 0.1 : -0.1)).ToArray();
        b[39] += 500;

        var robust = HuberRegression.HedgeRatio(a, b);
        var ols = HedgeRatio.Ols(a, b);

        Assert.Equal(2.0, robust.Beta, 0.01);
        Assert.True(Math.Abs(ols.Beta - 2.0) > 0.1, $"OLS beta {ols.Beta}");
    }
}
