using QuantPulse.Sources.Simulated;

namespace QuantPulse.Tests.Sources.Simulated;

public class PortableMathTests
{
    [Fact]
    public void Exp_WideRange_AgreesWithMathExpToAFewUlps()
    {
        var random = Xoshiro256StarStar.ForStream(1, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var x = (random.NextDouble() * 1400) - 700;
            AssertClose(Math.Exp(x), PortableMath.Exp(x), x);
        }
    }

    [Fact]
    public void Log_WideRange_AgreesWithMathLogToAFewUlps()
    {
        var random = Xoshiro256StarStar.ForStream(2, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var x = Math.ScaleB(random.NextDouble() + 0.5, (int)(random.NextUInt64() % 2000) - 1000);
            AssertClose(Math.Log(x), PortableMath.Log(x), x);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    public void Log_SpecialValues_AsIeee(double x, double expected)
    {
        Assert.Equal(expected, PortableMath.Log(x));
    }

    [Fact]
    public void Log_NegativeOrNaN_IsNaN()
    {
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
    }

    [Fact]
    public void Log_Subnormal_AgreesWithMathLog()
    {
        AssertClose(Math.Log(double.Epsilon), PortableMath.Log(double.Epsilon), double.Epsilon);
        AssertClose(Math.Log(1e-310), PortableMath.Log(1e-310), 1e-310);
    }

    [Fact]
    public void Exp_Extremes_SaturateAndZeroIsOne()
    {
        Assert.Equal(1.0, PortableMath.Exp(0.0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
        Assert.Equal(0.0, PortableMath.Exp(-746));
    }

    private static void AssertClose(double expected, double actual, double input)
    {
        var tolerance = 4 * Math.Max(Math.Abs(Math.BitIncrement(expected) - expected), double.Epsilon);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"f({input:R}) = {actual:R}, expected {expected:R}");
    }
}
