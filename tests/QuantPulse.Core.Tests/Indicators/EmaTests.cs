using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class EmaTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "EMA(20)";

    protected override int ExpectedWarmUpPeriod => 20;

    [ReferenceFact]
    public void Next_LeanSpyEma14_MatchesExactly()
    {
        var lean = PeerVectors.Lean("spy_ema.csv");

        SeriesAssert.Matches(lean.Column("EMA14"), lean.Candles.ToEma(14), v => v, Tolerance.Relative9, nullsMustMatch: true, "LEAN spy_ema.csv EMA14");
    }

    [ReferenceFact]
    public void Next_LeanSpyWithIndicatorsEma14_MatchesRoundedValues()
    {
        // The file holds values rounded to 2 decimals at the 13 000-18 000 level; LEAN's own test uses 1e-2.
        var lean = PeerVectors.Lean("spy_with_indicators.txt");

        SeriesAssert.Matches(lean.Column("EMA14"), lean.Candles.ToEma(14), v => v, Tolerance.AbsoluteOf(1e-2), nullsMustMatch: true, "LEAN spy_with_indicators.txt EMA14");
    }

    [Fact]
    public void Increment_PreviousAndValue_MovesByFactorOfDifference()
    {
        Assert.Equal(2.0 / 21, Ema.SmoothingFactor(20));
        Assert.Equal(15.0, Ema.Increment(0.5, 10, 20));
        Assert.Equal(10.0, Ema.Increment(0.25, 10, 10));
    }

    [Fact]
    public void Next_PeriodOne_EqualsClose()
    {
        var ema = new Ema(1);

        foreach (var candle in TestCandles.RandomWalk(10))
        {
            Assert.Equal((double)candle.Close, ema.Next(candle));
        }
    }

    protected override IIndicator<double> CreateIndicator() => new Ema(20);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToEma(20);

    protected override void AssertMatchesPeerVectors() =>
        SeriesAssert.Matches(
            PeerVectors.SkField("ema.standard.json", "ema"), PeerVectors.SkQuotes.ToEma(20), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK ema.standard.json");
}
