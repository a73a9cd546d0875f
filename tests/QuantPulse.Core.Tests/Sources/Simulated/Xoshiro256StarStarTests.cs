using QuantPulse.Sources.Simulated;

namespace QuantPulse.Tests.Sources.Simulated;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void NextUInt64_ReferenceState_MatchesPublishedOutputs()
    {
        // The reference implementation's first outputs from the state {1, 2, 3, 4}.
        var random = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal(11520UL, random.NextUInt64());
        Assert.Equal(0UL, random.NextUInt64());
        Assert.Equal(1509978240UL, random.NextUInt64());
        Assert.Equal(1215971899390074240UL, random.NextUInt64());
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesPublishedOutput()
    {
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Fact]
    public void Constructor_AllZeroState_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));
    }

    [Fact]
    public void ForStream_SameSeedAndStream_SameSequence()
    {
        var a = Xoshiro256StarStar.ForStream(42, 3);
        var b = Xoshiro256StarStar.ForStream(42, 3);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void ForStream_NeighbouringSeedsAndStreams_DoNotShareOutputs()
    {
        var first = new HashSet<ulong>();
        var generators = new[]
        {
            Xoshiro256StarStar.ForStream(42, 0), Xoshiro256StarStar.ForStream(42, 1),
            Xoshiro256StarStar.ForStream(43, 0), Xoshiro256StarStar.ForStream(43, 1),
        };

        foreach (var generator in generators)
        {
            for (var i = 0; i < 256; i++)
            {
                Assert.True(first.Add(generator.NextUInt64()), "two streams produced the same 64-bit value");
            }
        }
    }

    [Fact]
    public void NextDouble_ManyDraws_InUnitIntervalWithUniformMean()
    {
        var random = Xoshiro256StarStar.ForStream(7, 0);
        const int n = 100_000;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var x = random.NextDouble();
            Assert.InRange(x, 0.0, Math.BitDecrement(1.0));
            sum += x;
        }

        // Uniform(0,1): mean 1/2, standard deviation 1/sqrt(12); allow five standard errors.
        Assert.InRange(sum / n, 0.5 - (5 / Math.Sqrt(12.0 * n)), 0.5 + (5 / Math.Sqrt(12.0 * n)));
    }
}
