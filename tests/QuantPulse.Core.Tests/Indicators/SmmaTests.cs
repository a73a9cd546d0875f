using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class SmmaTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "SMMA(20)";

    protected override int ExpectedWarmUpPeriod => 20;

    [Fact]
    public void Increment_PreviousAndValue_IsWilderAverage()
    {
        Assert.Equal(0.1, Smma.SmoothingFactor(10));
        Assert.Equal(11.0, Smma.Increment(Smma.SmoothingFactor(10), 10, 20));
        Assert.Equal((13 * 5.0 + 19) / 14, Smma.Increment(Smma.SmoothingFactor(14), 5, 19), 1e-15);
    }

    protected override IIndicator<double> CreateIndicator() => new Smma(20);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToSmma(20);

    protected override void AssertMatchesPeerVectors() =>
        SeriesAssert.Matches(
            PeerVectors.SkField("smma.standard.json", "smma"), PeerVectors.SkQuotes.ToSmma(20), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK smma.standard.json");
}
