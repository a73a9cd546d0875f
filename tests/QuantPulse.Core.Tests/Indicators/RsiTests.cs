using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class RsiTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "RSI(14)";

    protected override int ExpectedWarmUpPeriod => 15;

    [ReferenceFact]
    public void Next_LeanSpyWithIndicatorsRsi14Wilder_MatchesWithinLeanTolerance()
    {
        var lean = PeerVectors.Lean("spy_with_indicators.txt");

        SeriesAssert.Matches(lean.Column("RSI 14 Wilder"), lean.Candles.ToRsi(14), v => v, Tolerance.AbsoluteOf(1e-3), nullsMustMatch: true, "LEAN spy_with_indicators.txt RSI 14 Wilder");
    }

    [Fact]
    public void Next_OnlyRisingCloses_Returns100()
    {
        var rsi = new Rsi(3);
        double? last = null;

        for (var i = 0; i < 6; i++)
        {
            var price = 100m + i;
            last = rsi.Next(TestCandles.At(TestCandles.Start.AddDays(i), price, price, price, price));
        }

        Assert.Equal(100.0, last);
    }

    [Fact]
    public void Next_OnlyFallingCloses_ReturnsZero()
    {
        var rsi = new Rsi(3);
        double? last = null;

        for (var i = 0; i < 6; i++)
        {
            var price = 100m - i;
            last = rsi.Next(TestCandles.At(TestCandles.Start.AddDays(i), price, price, price, price));
        }

        Assert.Equal(0.0, last);
    }

    [Fact]
    public void FromAverages_GainAndLoss_IsHundredMinusHundredOverOnePlusRs()
    {
        Assert.Equal(50.0, Rsi.FromAverages(1, 1));
        Assert.Equal(75.0, Rsi.FromAverages(3, 1));
        Assert.Equal(100 - (100 / (1 + (0.37 / 0.52))), Rsi.FromAverages(0.37, 0.52), 1e-12);
        Assert.Equal(100.0, Rsi.FromAverages(0, 0));
        Assert.Equal(0.0, Rsi.FromAverages(0, 2));
    }

    protected override IIndicator<double> CreateIndicator() => new Rsi(14);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToRsi(14);

    protected override void AssertMatchesPeerVectors() =>
        SeriesAssert.Matches(
            PeerVectors.SkField("rsi.standard.json", "rsi"), PeerVectors.SkQuotes.ToRsi(14), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK rsi.standard.json");
}
