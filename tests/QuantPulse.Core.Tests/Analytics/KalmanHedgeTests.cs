using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class KalmanHedgeTests
{
    private static (double[] A, double[] B) Pair()
    {
        var random = new Random(11);
        var a = new double[300];
        var b = new double[300];
        var level = 50.0;
        for (var i = 0; i < a.Length; i++)
        {
            level += random.NextDouble() - 0.5;
            a[i] = level;
            b[i] = 3 + (1.5 * level) + (random.NextDouble() - 0.5);
        }

        return (a, b);
    }

    [Fact]
    public void Filter_DeltaZero_LastStateEqualsOls()
    {
        var (a, b) = Pair();

        var path = KalmanHedge.Filter(a, b, delta: 0, observationVariance: 1e-3);
        var ols = HedgeRatio.Ols(a, b);

        Assert.Equal(ols.Beta, path[^1]!.Value.Beta, 1e-8);
        Assert.Equal(ols.Alpha, path[^1]!.Value.Alpha, 1e-6);
    }

    [Fact]
    public void Filter_TinyDelta_ApproachesOls()
    {
        var (a, b) = Pair();

        var last = KalmanHedge.Filter(a, b, delta: 1e-12)[^1]!.Value;
        var ols = HedgeRatio.Ols(a, b);

        Assert.Equal(ols.Beta, last.Beta, 1e-4);
    }

    [Fact]
    public void Update_FirstObservation_NotIdentified()
    {
        var filter = new KalmanHedge();

        Assert.Null(filter.Update(10, 20));
        Assert.Null(filter.Update(10, 21));
        var step = filter.Update(12, 24);

        Assert.NotNull(step);
        Assert.True(filter.IsReady);
        Assert.Equal(1.75, step.Value.Beta, 1e-9); // least squares through (10, 20.5) and (12, 24)
        Assert.Equal(3.0, step.Value.Alpha, 1e-9);
    }

    [Fact]
    public void Constructor_DeltaOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KalmanHedge(1.0));
    }
}
