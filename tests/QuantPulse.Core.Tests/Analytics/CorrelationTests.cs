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

public class RollingCorrelationTests
{
    [Fact]
    public void Rolling_Window_EqualsPearsonOfEachWindow()
    {
        double?[] x = [1, 2, 4, 3, 5, 7];
        double?[] y = [2, 1, 5, 2, 6, 9];

        var rolling = Correlation.Rolling(x, y, 3);

        Assert.Null(rolling[1]);
        for (var t = 2; t < x.Length; t++)
        {
            var expected = Correlation.Pearson([.. x.Skip(t - 2).Take(3).Select(v => v!.Value)], [.. y.Skip(t - 2).Take(3).Select(v => v!.Value)]);
            Assert.Equal(expected, rolling[t]!.Value, 1e-15);
        }
    }

    [Fact]
    public void Rolling_ConstantWindowOrNull_Null()
    {
        var rolling = Correlation.Rolling([1, 1, 1, 2, null, 3], [1, 2, 3, 4, 5, 6], 3);

        Assert.Equal([null, null, null], rolling.Take(3));
        Assert.Equal(Math.Sqrt(0.75), rolling[3]!.Value, 1e-15);
        Assert.Equal([null, null], rolling.Skip(4));
    }

    [Fact]
    public void Matrix_ThreeSeries_SymmetricWithUnitDiagonal()
    {
        double[] a = [1, 2, 3, 4];
        double[] b = [2, 4, 6, 9];
        double[] c = [4, 3, 2, 1];

        var m = Correlation.Matrix([a, b, c]);

        Assert.Equal(1.0, m[0][0], 1e-15);
        Assert.Equal(Correlation.Pearson(a, b), m[0][1]);
        Assert.Equal(m[0][1], m[1][0]);
        Assert.Equal(-1.0, m[0][2], 1e-15);
        Assert.Equal(m[2][1], m[1][2]);
    }
}
