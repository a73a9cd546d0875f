using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class WilliamsRTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "WILLR(14)";

    protected override int ExpectedWarmUpPeriod => 14;

    [Fact]
    public void Next_AnyWindow_IsFastStochasticMinus100()
    {
        var candles = TestCandles.RandomWalk(60, seed: 12);
        var stochastic = candles.ToStochastic(14, 1, 1);

        var willr = candles.ToWilliamsR(14);

        for (var i = 13; i < candles.Length; i++)
        {
            Assert.Equal(stochastic[i].Value!.Value.K - 100, willr[i].Value!.Value, 9);
        }
    }

    protected override IIndicator<double> CreateIndicator() => new WilliamsR(14);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToWilliamsR();

    // No peer vector holds Williams %R; the seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(SeededFixtures.Indicators.Candles.ToWilliamsR(14), ("willr_14", v => v));
}
