using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

/// <summary><see cref="Atr"/> with <see cref="AtrSeeding.TradingView"/>: first TR = High − Low, first ATR on candle N.</summary>
public class AtrTradingViewTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "ATR(14,TradingView)";

    protected override int ExpectedWarmUpPeriod => 14;

    [Fact]
    public void Next_TradingViewSeeding_FirstValueIsMeanOfHighLowAndFollowingTrueRanges()
    {
        var candles = TestCandles.RandomWalk(3);
        var tr = candles.ToTrueRange().Select(p => p.Value).ToArray();

        var atr = candles.ToAtr(3, AtrSeeding.TradingView);

        Assert.Null(atr[1].Value);
        Assert.Equal((((double)candles[0].High - (double)candles[0].Low) + tr[1]!.Value + tr[2]!.Value) / 3, atr[2].Value);
    }

    protected override IIndicator<double> CreateIndicator() => new Atr(14, AtrSeeding.TradingView);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) =>
        candles.ToAtr(14, AtrSeeding.TradingView);

    protected override void AssertMatchesPeerVectors()
    {
        // LEAN's AverageTrueRange(14) seeds like TradingView; the file has 6 decimals and LEAN's test uses 1e-3.
        var lean = PeerVectors.Lean("spy_atr_wilder.txt");

        SeriesAssert.Matches(
            lean.Column("Average True Range 14"), lean.Candles.ToAtr(14, AtrSeeding.TradingView), v => v, Tolerance.AbsoluteOf(1e-3), nullsMustMatch: true, "LEAN spy_atr_wilder.txt");
    }
}
