using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class ObvTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "OBV";

    protected override int ExpectedWarmUpPeriod => 1;

    [Fact]
    public void Next_UpDownAndUnchangedCloses_AddSubtractAndKeepVolume()
    {
        decimal[] closes = [10m, 11m, 10.5m, 10.5m, 12m];
        var candles = closes.Select((c, i) => TestCandles.At(TestCandles.Start.AddDays(i), c, c, c, c) with { Volume = 100m * (i + 1) }).ToArray();

        var obv = candles.ToObv().Select(p => p.Value).ToArray();

        Assert.Equal([0, 200, -100, -100, 400], obv);
    }

    protected override IIndicator<double> CreateIndicator() => new Obv();

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToObv();

    // LEAN's spy_with_indicators.txt has an OBV column but not the volume it came from; the seeded fixture stands in.
    protected override void AssertMatchesPeerVectors() =>
        FixtureAssert.Matches(SeededFixtures.Indicators.Candles.ToObv(), ("obv", v => v));
}
