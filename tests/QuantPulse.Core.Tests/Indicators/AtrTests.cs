using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class AtrTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "ATR(14)";

    protected override int ExpectedWarmUpPeriod => 15;

    [ReferenceFact]
    public void Next_SkAtrPercent_IsAtrOverClose()
    {
        var atr = PeerVectors.SkQuotes.ToAtr(14);
        var atrp = atr.Select((p, i) => p.Value / (double)PeerVectors.SkQuotes[i].Close * 100).ToArray();

        SeriesAssert.Matches(PeerVectors.SkField("atr.standard.json", "atrp"), atrp, Tolerance.Relative9, nullsMustMatch: true, "SK atr.standard.json atrp");
    }

    [Fact]
    public void Next_WilderSeeding_FirstValueIsMeanOfTrueRangesAfterFirstCandle()
    {
        var candles = TestCandles.RandomWalk(4);
        var tr = candles.ToTrueRange().Select(p => p.Value).ToArray();

        var atr = candles.ToAtr(3);

        Assert.Null(atr[2].Value);
        Assert.Equal((tr[1]!.Value + tr[2]!.Value + tr[3]!.Value) / 3, atr[3].Value);
    }

    protected override IIndicator<double> CreateIndicator() => new Atr(14);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToAtr(14);

    protected override void AssertMatchesPeerVectors()
    {
        SeriesAssert.Matches(
            PeerVectors.SkField("atr.standard.json", "atr"), PeerVectors.SkQuotes.ToAtr(14), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK atr.standard.json atr");
        SeriesAssert.Matches(
            PeerVectors.SkField("atr.standard.json", "tr"), PeerVectors.SkQuotes.ToTrueRange(), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK atr.standard.json tr");
    }
}
