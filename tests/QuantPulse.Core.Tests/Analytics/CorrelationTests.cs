using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class CorrelationTests
{
    [Fact]
    public void Pearson_HandComputed_MatchesDefinition()
    {
        // x̄ = 2.5, ȳ = 3; Σdxdy = 3, Σdx² = 5, Σdy² = 10 (by hand).
        double[] x = [1, 2, 3, 4];
        double[] y = [2, 4, 1, 5];

        Assert.Equal(3 / Math.Sqrt(50), Correlation.Pearson(x, y), 1e-15);
    }

    [Fact]
    public void Pearson_ConstantSeries_IsNaN() => Assert.True(double.IsNaN(Correlation.Pearson([1, 2, 3], [4, 4, 4])));

    [Fact]
    public void Pearson_DifferentLengths_Throws() => Assert.Throws<ArgumentException>(() => Correlation.Pearson([1, 2, 3], [1, 2]));
}
