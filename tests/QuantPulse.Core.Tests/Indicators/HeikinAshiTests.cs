using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class HeikinAshiTests : IndicatorContractTests<HeikinAshiValue>
{
    protected override string ExpectedName => "HA";

    protected override int ExpectedWarmUpPeriod => 1;

    [ReferenceFact]
    public void Next_LeanSpyHeikinAshi_MatchesWithinLeanTolerance()
    {
        var lean = PeerVectors.Lean("spy_heikin_ashi.txt");
        var ha = lean.Candles.ToHeikinAshi();
        var tolerance = Tolerance.AbsoluteOf(1e-3);

        SeriesAssert.Matches(lean.Column("HA_Open"), ha, v => v.Open, tolerance, nullsMustMatch: true, "LEAN HA_Open");
        SeriesAssert.Matches(lean.Column("HA_High"), ha, v => v.High, tolerance, nullsMustMatch: true, "LEAN HA_High");
        SeriesAssert.Matches(lean.Column("HA_Low"), ha, v => v.Low, tolerance, nullsMustMatch: true, "LEAN HA_Low");
        SeriesAssert.Matches(lean.Column("HA_Close"), ha, v => v.Close, tolerance, nullsMustMatch: true, "LEAN HA_Close");
    }

    [Fact]
    public void Calculate_PreviousBodyAndBar_FollowsDefinitions()
    {
        var value = HeikinAshi.Calculate(previousOpen: 10, previousClose: 14, open: 13, high: 16, low: 11, close: 12);

        Assert.Equal(new HeikinAshiValue(12, 16, 11, 13), value);
    }

    protected override IIndicator<HeikinAshiValue> CreateIndicator() => new HeikinAshi();

    protected override double?[] Components(HeikinAshiValue value) => [value.Open, value.High, value.Low, value.Close];

    protected override IReadOnlyList<IndicatorPoint<HeikinAshiValue>> RunBatchHelper(IReadOnlyList<Candle> candles) =>
        candles.ToHeikinAshi();

    protected override void AssertMatchesPeerVectors()
    {
        var ha = PeerVectors.SkQuotes.ToHeikinAshi();
        (string Field, Func<HeikinAshiValue, double?> Select)[] fields =
        [
            ("open", v => v.Open),
            ("high", v => v.High),
            ("low", v => v.Low),
            ("close", v => v.Close),
        ];
        foreach (var (field, select) in fields)
        {
            SeriesAssert.Matches(
                PeerVectors.SkField("heikinashi.standard.json", field), ha, select, Tolerance.Relative9, nullsMustMatch: true, $"SK heikinashi.standard.json {field}");
        }
    }
}
