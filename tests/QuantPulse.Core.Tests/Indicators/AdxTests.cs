using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class AdxTests : IndicatorContractTests<AdxValue>
{
    protected override string ExpectedName => "ADX(14)";

    protected override int ExpectedWarmUpPeriod => 28;

    [Fact]
    public void DirectionalIndex_Definitions_Hold()
    {
        Assert.Equal(50, Adx.DirectionalIndex(30, 10));
        Assert.Equal(0, Adx.DirectionalIndex(0, 0));
    }

    [Fact]
    public void Next_FlatMarket_DirectionalIndicatorsAreZeroNotNaN()
    {
        var candles = Enumerable.Range(0, 10).Select(i => TestCandles.At(TestCandles.Start.AddDays(i), 5m, 5m, 5m, 5m)).ToArray();

        var value = candles.ToAdx(3)[^1].Value!.Value;

        Assert.Equal(new AdxValue(0, 0, 0), value);
    }

    protected override IIndicator<AdxValue> CreateIndicator() => new Adx(14);

    protected override double?[] Components(AdxValue value) => [value.Adx, value.PlusDi, value.MinusDi];

    protected override IReadOnlyList<IndicatorPoint<AdxValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToAdx();

    // No peer vector holds ADX; the seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(SeededFixtures.Indicators.Candles.ToAdx(14), ("adx_14", v => v.Adx), ("plus_di_14", v => v.PlusDi), ("minus_di_14", v => v.MinusDi));
}
