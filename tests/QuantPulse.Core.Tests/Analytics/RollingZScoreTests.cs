using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

/// <summary>The running-sum z-score against the direct two-pass computation of every window.</summary>
public class RollingZScoreTests
{
    // A random walk far from zero (level 10,000, steps below 1): naive running sums of x and x² would lose most
    // digits of σ here. (Much smaller steps would test the two-pass reference itself: its mean is only good to about
    // 1e-16 × the level.)
    private static double[] HighLevelWalk(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        var level = 10_000.0;
        for (var i = 0; i < n; i++)
        {
            level += (random.NextDouble() - 0.5) * 2;
            values[i] = level;
        }

        return values;
    }

    // Both computations round the window's mean to about 1e-16 of the level, so where σ is tiny next to the level
    // (a window of 2 whose values differ in the 7th digit) neither is good to 1e-9: the tolerance is 1e-9 relative
    // plus 64 ulps of the level over σ, which is below 1e-9 whenever σ is more than 1e-5 of the level.
    private static void AssertMatchesTwoPass(double[] values, int window)
    {
        var z = SpreadStatistics.RollingZScore(values, window);
        for (var t = 0; t < values.Length; t++)
        {
            var expected = t >= window - 1 ? SpreadStatistics.ZScore(values, t, window) : null;
            if (expected is not { } e || double.IsNaN(e))
            {
                Assert.True(z[t] is null, $"t = {t}: expected null, got {z[t]}");
                continue;
            }

            var slice = values[(t - window + 1)..(t + 1)];
            var mean = slice.Average();
            var sd = Math.Sqrt(slice.Sum(v => (v - mean) * (v - mean)) / (window - 1));
            var tolerance = (1e-9 * Math.Max(1, Math.Abs(e))) + (64 * 2.2e-16 * slice.Max(Math.Abs) / sd * (1 + Math.Abs(e)));
            Assert.True(z[t] is { } actual && Math.Abs(actual - e) <= tolerance, $"t = {t}: expected {e:R}, got {z[t]:R}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(60)]
    [InlineData(500)]
    public void RollingZScore_HighLevelRandomWalk_MatchesTheTwoPassComputation(int window) =>
        AssertMatchesTwoPass(HighLevelWalk(20_000, window), window);

    [Fact]
    public void RollingZScore_WindowTurnsConstant_IsNullExactlyWhereSigmaIsZero()
    {
        var values = HighLevelWalk(300, 7);
        Array.Fill(values, 10_000.5, 100, 80); // 20 × 10,000.5 sums exactly: σ is exactly 0

        AssertMatchesTwoPass(values, 20);
        var z = SpreadStatistics.RollingZScore(values, 20);
        Assert.All(z[119..180], v => Assert.Null(v));
    }

    [Fact]
    public void RollingZScore_NotFiniteValues_NullWhileInTheWindowThenMatchesAgain()
    {
        var values = HighLevelWalk(400, 11);
        values[0] = double.NaN;
        values[150] = double.NaN;
        values[151] = double.PositiveInfinity;
        values[300] = double.NegativeInfinity;

        AssertMatchesTwoPass(values, 30);
        var z = SpreadStatistics.RollingZScore(values, 30);
        Assert.Null(z[180]);
        Assert.NotNull(z[181]);
    }

    [Fact]
    public void RollingZScore_JumpsOfManyOrdersOfMagnitude_MatchesTheTwoPassComputation()
    {
        var values = HighLevelWalk(3_000, 3);
        for (var i = 1_000; i < 1_100; i++)
        {
            values[i] *= 1e6;
        }

        values[2_000] = 1e-9;
        AssertMatchesTwoPass(values, 40);
    }
}
