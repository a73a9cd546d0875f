using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class SpreadStatisticsHurstTests
{
    [Fact]
    public void Hurst_RandomWalk_IsNearHalf()
    {
        var random = new Random(7);
        var walk = new double[20_000];
        for (var i = 1; i < walk.Length; i++)
        {
            walk[i] = walk[i - 1] + (random.NextDouble() - 0.5);
        }

        Assert.Equal(0.5, SpreadStatistics.Hurst(walk), 0.05);
    }

    [Fact]
    public void Hurst_WhiteNoise_IsNearZero()
    {
        var random = new Random(11);
        var noise = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() - 0.5).ToArray();

        Assert.Equal(0.0, SpreadStatistics.Hurst(noise), 0.05);
    }

    [Fact]
    public void Hurst_TooShort_Throws() => Assert.Throws<ArgumentException>(() => SpreadStatistics.Hurst([1, 2, 3, 4, 5, 6, 7, 8, 9]));
}
