using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class SpreadStatisticsTests
{
    [Fact]
    public void HalfLife_Ar1WithKnownCoefficient_IsMinusLn2OverLambda()
    {
        // s_t = 0.5·s_{t−1} exactly: Δs = −0.5·s_{t−1}, λ = −0.5.
        var s = new double[20];
        s[0] = 1024;
        for (var i = 1; i < s.Length; i++)
        {
            s[i] = 0.5 * s[i - 1];
        }

        Assert.Equal(Math.Log(2) / 0.5, SpreadStatistics.HalfLife(s), 1e-9);
    }

    [Fact]
    public void HalfLife_ExplodingSeries_IsInfinite()
    {
        double[] s = [1, 2, 4, 8, 16, 32, 64];

        Assert.Equal(double.PositiveInfinity, SpreadStatistics.HalfLife(s));
    }

    [Fact]
    public void RollingZScore_HandComputed_UsesSampleSigma()
    {
        double[] s = [1, 2, 3, 10];

        var z = SpreadStatistics.RollingZScore(s, 3);

        Assert.Null(z[1]);
        Assert.Equal(1.0, z[2]!.Value, 1e-12);
        // window 2, 3, 10: mean 5, sample σ = √((9 + 4 + 25)/2) = √19
        Assert.Equal(5 / Math.Sqrt(19), z[3]!.Value, 1e-12);
    }
}
