using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class StochasticTests : IndicatorContractTests<StochasticValue>
{
    protected override string ExpectedName => "STOCH(14,3,3)";

    protected override int ExpectedWarmUpPeriod => 18;

    [Fact]
    public void Next_FastStochastic_KIsRawPositionInRange()
    {
        var candles = TestCandles.RandomWalk(30, seed: 2);
        var window = candles[16..21];
        var highest = window.Max(c => (double)c.High);
        var lowest = window.Min(c => (double)c.Low);

        var k = candles.ToStochastic(5, 3, 1)[20].Value!.Value.K;

        Assert.Equal(100 * ((double)candles[20].Close - lowest) / (highest - lowest), k, 12);
    }

    [Fact]
    public void RangePosition_EmptyRange_IsZero() => Assert.Equal(0, Stochastic.RangePosition(5, 5, 5));

    protected override IIndicator<StochasticValue> CreateIndicator() => new Stochastic(14, 3, 3);

    protected override double?[] Components(StochasticValue value) => [value.K, value.D];

    protected override IReadOnlyList<IndicatorPoint<StochasticValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToStochastic();

    // No peer vector holds the stochastic; the seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(SeededFixtures.Indicators.Candles.ToStochastic(14, 3, 3), ("stoch_k_14_3_3", v => v.K), ("stoch_d_14_3_3", v => v.D));
}
