using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class KeltnerChannelsTests : IndicatorContractTests<ChannelValue>
{
    protected override string ExpectedName => "KELTNER(20,2,10)";

    protected override int ExpectedWarmUpPeriod => 20;

    [Fact]
    public void Next_AnyCandle_IsEmaPlusAndMinusMultipleOfWilderAtr()
    {
        var candles = TestCandles.RandomWalk(100, seed: 23);
        var ema = candles.ToEma(5);
        var atr = candles.ToAtr(30);

        var channels = candles.ToKeltnerChannels(5, 1.5, 30);

        Assert.Null(channels[29].Value);
        for (var i = 30; i < candles.Length; i++)
        {
            var offset = 1.5 * atr[i].Value!.Value;
            Assert.Equal(new ChannelValue(ema[i].Value!.Value + offset, ema[i].Value!.Value, ema[i].Value!.Value - offset), channels[i].Value);
        }
    }

    protected override IIndicator<ChannelValue> CreateIndicator() => new KeltnerChannels(20, 2, 10);

    protected override double?[] Components(ChannelValue value) => [value.Upper, value.Middle, value.Lower];

    protected override IReadOnlyList<IndicatorPoint<ChannelValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToKeltnerChannels();

    // No peer vector holds Keltner channels; the seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(
            SeededFixtures.Indicators.Candles.ToKeltnerChannels(20, 2, 10),
            ("keltner_upper_20_2_10", v => v.Upper),
            ("keltner_middle_20_2_10", v => v.Middle),
            ("keltner_lower_20_2_10", v => v.Lower));
}
