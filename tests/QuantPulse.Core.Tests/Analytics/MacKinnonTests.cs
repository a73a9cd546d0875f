using QuantPulse.Analytics;

namespace QuantPulse.Tests.Analytics;

public class MacKinnonTests
{
    [Fact]
    public void Critical_Asymptotic_IsFirstCoefficient()
    {
        Assert.Equal(new CriticalValues(-3.43035, -2.86154, -2.56677), MacKinnon.Critical(AdfRegression.Constant, double.PositiveInfinity));
        Assert.Equal(new CriticalValues(-3.89644, -3.33613, -3.04445), MacKinnon.Critical(AdfRegression.Constant, double.PositiveInfinity, 2));
    }

    [Fact]
    public void Critical_HundredObservations_EvaluatesResponseSurface()
    {
        var cv = MacKinnon.Critical(AdfRegression.Constant, 100);

        Assert.Equal(-3.43035 - (6.5393 / 100) - (16.786 / 1e4) - (79.433 / 1e6), cv.OnePercent, 1e-12);
    }

    [Fact]
    public void PValue_BeyondTable_IsClamped()
    {
        Assert.Equal(1.0, MacKinnon.PValue(3.0, AdfRegression.Constant));
        Assert.Equal(0.0, MacKinnon.PValue(-30, AdfRegression.Constant));
    }

    [Fact]
    public void PValue_AtCriticalValue_IsNearItsLevel()
    {
        var cv = MacKinnon.Critical(AdfRegression.Constant, double.PositiveInfinity);

        Assert.Equal(0.05, MacKinnon.PValue(cv.FivePercent, AdfRegression.Constant), 0.005);
        Assert.Equal(0.01, MacKinnon.PValue(cv.OnePercent, AdfRegression.Constant), 0.002);
    }

    [Fact]
    public void Critical_NoConstantTwoSeries_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MacKinnon.Critical(AdfRegression.None, 100, 2));
    }
}
