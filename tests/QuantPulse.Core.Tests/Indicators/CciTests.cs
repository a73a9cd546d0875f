using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class CciTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "CCI(20)";

    protected override int ExpectedWarmUpPeriod => 20;

    [Fact]
    public void Next_FlatWindow_IsExactlyZero()
    {
        var candles = Enumerable.Range(0, 6).Select(i => TestCandles.At(TestCandles.Start.AddDays(i), 100.1m, 100.3m, 100.1m, 100.2m)).ToArray();

        Assert.Equal(0, candles.ToCci(4)[^1].Value);
    }

    [Fact]
    public void Next_SmallWindow_FollowsDefinition()
    {
        // Typical prices 1, 2, 3: mean 2, mean deviation 2/3, so CCI = (3 − 2) / (0.015 · 2/3) = 100.
        var candles = new[] { 1m, 2m, 3m }.Select((p, i) => TestCandles.At(TestCandles.Start.AddDays(i), p, p, p, p)).ToArray();

        Assert.Equal(100, candles.ToCci(3)[^1].Value!.Value, 9);
    }

    protected override IIndicator<double> CreateIndicator() => new Cci(20);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToCci();

    // No peer vector holds the CCI; the seeded fixture's independent computation stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(SeededFixtures.Indicators.Candles.ToCci(20), ("cci_20", v => v));
}
