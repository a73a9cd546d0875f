using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class SmaTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "SMA(20)";

    protected override int ExpectedWarmUpPeriod => 20;

    [ReferenceFact]
    public void Next_LeanSpyWithIndicatorsSma14_MatchesRoundedValues()
    {
        // Rounded to 2 decimals in the file; LEAN's own test uses 1e-2.
        var lean = PeerVectors.Lean("spy_with_indicators.txt");

        SeriesAssert.Matches(lean.Column("SMA14"), lean.Candles.ToSma(14), v => v, Tolerance.AbsoluteOf(1e-2), nullsMustMatch: true, "LEAN spy_with_indicators.txt SMA14");
    }

    [Fact]
    public void Next_LongSeries_EqualsWindowMeanRecomputed()
    {
        var candles = TestCandles.RandomWalk(5000, seed: 31);
        var closes = candles.Select(c => (double)c.Close).ToArray();

        var sma = candles.ToSma(30);

        for (var i = 29; i < closes.Length; i++)
        {
            var mean = closes.Skip(i - 29).Take(30).Sum() / 30;
            Assert.Equal(mean, sma[i].Value!.Value, 1e-9 * mean);
        }
    }

    protected override IIndicator<double> CreateIndicator() => new Sma(20);

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToSma(20);

    protected override void AssertMatchesPeerVectors() =>
        SeriesAssert.Matches(
            PeerVectors.SkField("sma.standard.json", "sma"), PeerVectors.SkQuotes.ToSma(20), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK sma.standard.json");
}
