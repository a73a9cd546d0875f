using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class AtrStopTests : IndicatorContractTests<AtrStopValue>
{
    protected override string ExpectedName => "ATR-STOP(21,3)";

    protected override int ExpectedWarmUpPeriod => 22;

    [Fact]
    public void Next_AnyCandle_AtrIsWilderAtrAndStopIsTheBandItFollows()
    {
        var candles = TestCandles.RandomWalk(200, seed: 6);
        var atr = candles.ToAtr(21);

        var stops = candles.ToAtrStop(21, 3);

        for (var i = 21; i < candles.Length; i++)
        {
            var value = stops[i].Value!.Value;
            Assert.Equal(atr[i].Value, value.Atr);
            Assert.Equal(value.IsUpTrend ? value.SellStop : value.BuyStop, value.Stop);
            Assert.True(value.IsUpTrend ? (double)candles[i].Close > value.Stop : (double)candles[i].Close <= value.Stop);
        }
    }

    [Fact]
    public void Name_HighLowEnd_IsSpelledOutAndColumnsDiffer()
    {
        var spec = IndicatorSpec.Parse("ATR-STOP(14,2.5,HighLow)");

        Assert.Equal("ATR-STOP(14,2.5,HighLow)", spec.CreateIndicator().Name);
        Assert.Equal(["atr_stop_hl_14_2.5", "atr_stop_hl_buy_14_2.5", "atr_stop_hl_sell_14_2.5"], spec.Columns);
    }

    protected override IIndicator<AtrStopValue> CreateIndicator() => new AtrStop(21, 3);

    protected override double?[] Components(AtrStopValue value) => [value.Stop, value.BuyStop, value.SellStop, value.Atr];

    protected override IReadOnlyList<IndicatorPoint<AtrStopValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToAtrStop();

    protected override void AssertMatchesPeerVectors()
    {
        var values = PeerVectors.SkQuotes.ToAtrStop(21, 3, AtrStopEnd.Close);
        (string Field, Func<AtrStopValue, double?> Select)[] fields =
        [
            ("atrStop", v => v.Stop),
            ("buyStop", v => v.BuyStop),
            ("sellStop", v => v.SellStop),
            ("atr", v => v.Atr),
        ];
        foreach (var (field, select) in fields)
        {
            SeriesAssert.Matches(PeerVectors.SkField("atr-stop.standard.json", field), values, select, Tolerance.Relative9, nullsMustMatch: true, "SK atr-stop.standard.json " + field);
        }
    }
}
