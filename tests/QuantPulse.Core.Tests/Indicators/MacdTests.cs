using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class MacdTests : IndicatorContractTests<MacdValue>
{
    protected override string ExpectedName => "MACD(12,26,9)";

    protected override int ExpectedWarmUpPeriod => 26;

    [ReferenceFact]
    public void Next_LeanSpyWithMacd_MatchesWithinLeanTolerance()
    {
        // Monthly bars; LEAN fills the expected cells only from 2003-01 on and asserts 1e-4.
        var lean = PeerVectors.Lean("spy_with_macd.txt");
        var macd = lean.Candles.ToMacd(12, 26, 9);

        SeriesAssert.Matches(lean.Column("MACD"), macd, v => v.Macd, Tolerance.AbsoluteOf(1e-4), nullsMustMatch: false, "LEAN spy_with_macd.txt MACD");
        SeriesAssert.Matches(lean.Column("Signal"), macd, v => v.Signal, Tolerance.AbsoluteOf(1e-4), nullsMustMatch: false, "LEAN spy_with_macd.txt Signal");
        SeriesAssert.Matches(lean.Column("Histogram"), macd, v => v.Histogram, Tolerance.AbsoluteOf(1e-4), nullsMustMatch: false, "LEAN spy_with_macd.txt Histogram");
    }

    [Fact]
    public void Next_SignalWarmUp_SignalAndHistogramAppearOnSlowPlusSignalMinusOne()
    {
        var macd = new Macd(3, 5, 4);
        var values = TestCandles.RandomWalk(12).Select(c => macd.Next(c)).ToArray();

        Assert.Equal(8, macd.SignalWarmUpPeriod);
        Assert.All(values[..4], v => Assert.Null(v));
        Assert.All(values[4..7], v => Assert.True(v is { Signal: null, Histogram: null }));
        Assert.All(values[7..], v => Assert.True(v is { Signal: not null, Histogram: not null }));
    }

    [Fact]
    public void Next_AnyPeriods_SignalIsSeededWithMeanOfFirstMacdValues()
    {
        var candles = TestCandles.RandomWalk(20);
        var macd = candles.ToMacd(3, 5, 4);
        var fast = candles.ToEma(3);
        var slow = candles.ToEma(5);
        var lines = Enumerable.Range(4, 4).Select(i => fast[i].Value!.Value - slow[i].Value!.Value).ToArray();

        Assert.Equal(fast[4].Value!.Value - slow[4].Value!.Value, macd[4].Value!.Value.Macd);
        Assert.Equal((((lines[0] + lines[1]) + lines[2]) + lines[3]) / 4, macd[7].Value!.Value.Signal);
        Assert.Equal(macd[7].Value!.Value.Macd - macd[7].Value!.Value.Signal, macd[7].Value!.Value.Histogram);
    }

    protected override IIndicator<MacdValue> CreateIndicator() => new Macd(12, 26, 9);

    protected override double?[] Components(MacdValue value) => [value.Macd, value.Signal, value.Histogram, value.FastEma, value.SlowEma];

    protected override IReadOnlyList<IndicatorPoint<MacdValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToMacd();

    protected override void AssertMatchesPeerVectors()
    {
        var macd = PeerVectors.SkQuotes.ToMacd(12, 26, 9);
        (string Field, Func<MacdValue, double?> Select)[] fields =
        [
            ("macd", v => v.Macd),
            ("signal", v => v.Signal),
            ("histogram", v => v.Histogram),
            ("fastEma", v => v.FastEma),
            ("slowEma", v => v.SlowEma),
        ];
        var line = PeerVectors.SkField("macd.standard.json", "macd");
        foreach (var (field, select) in fields)
        {
            // SK reports the fast EMA from row 11; this indicator reports it with the MACD line, from row 25.
            var expected = PeerVectors.SkField("macd.standard.json", field).Select((v, i) => line[i] is null ? null : v).ToArray();

            SeriesAssert.Matches(expected, macd, select, Tolerance.Relative9, nullsMustMatch: true, $"SK macd.standard.json {field}");
        }
    }
}
