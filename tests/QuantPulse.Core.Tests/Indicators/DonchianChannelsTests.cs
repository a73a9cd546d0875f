using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class DonchianChannelsTests : IndicatorContractTests<ChannelValue>
{
    protected override string ExpectedName => "DONCHIAN(20)";

    protected override int ExpectedWarmUpPeriod => 20;

    [Fact]
    public void Next_AnyWindow_EqualsPlainMaxAndMinIncludingCurrentCandle()
    {
        var candles = TestCandles.RandomWalk(300, seed: 19);

        var channels = candles.ToDonchianChannels(7);

        for (var i = 6; i < candles.Length; i++)
        {
            var window = candles[(i - 6)..(i + 1)];
            var upper = window.Max(c => (double)c.High);
            var lower = window.Min(c => (double)c.Low);
            Assert.Equal(new ChannelValue(upper, (upper + lower) / 2, lower), channels[i].Value);
        }
    }

    protected override IIndicator<ChannelValue> CreateIndicator() => new DonchianChannels(20);

    protected override double?[] Components(ChannelValue value) => [value.Upper, value.Middle, value.Lower];

    protected override IReadOnlyList<IndicatorPoint<ChannelValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToDonchianChannels();

    // No peer vector holds Donchian channels; the seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(
            SeededFixtures.Indicators.Candles.ToDonchianChannels(20),
            ("donchian_upper_20", v => v.Upper),
            ("donchian_middle_20", v => v.Middle),
            ("donchian_lower_20", v => v.Lower));
}
