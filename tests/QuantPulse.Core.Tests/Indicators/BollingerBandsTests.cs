using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class BollingerBandsTests : IndicatorContractTests<BollingerValue>
{
    protected override string ExpectedName => "BB(20,2)";

    protected override int ExpectedWarmUpPeriod => 20;

    [ReferenceFact]
    public void Next_LeanSpyBollingerBands_MatchesWithinLeanTolerance()
    {
        // Four decimals in the file; LEAN asserts 1e-3. LEAN's BandWidth is a percentage.
        var lean = PeerVectors.Lean("spy_bollinger_bands.txt");
        var bb = lean.Candles.ToBollingerBands(20, 2);
        var tolerance = Tolerance.AbsoluteOf(1e-3);

        SeriesAssert.Matches(lean.Column("Moving Average 20"), bb, v => v.Middle, tolerance, nullsMustMatch: true, "LEAN middle");
        SeriesAssert.Matches(lean.Column("Bollinger Bands® 20 2 Top"), bb, v => v.Upper, tolerance, nullsMustMatch: true, "LEAN top");
        SeriesAssert.Matches(lean.Column("Bollinger Bands® 20 2 Bottom"), bb, v => v.Lower, tolerance, nullsMustMatch: true, "LEAN bottom");
        SeriesAssert.Matches(lean.Column("BandWidth"), bb, v => v.Width * 100, tolerance, nullsMustMatch: true, "LEAN BandWidth");
        SeriesAssert.Matches(lean.Column("%B"), bb, v => v.PercentB, tolerance, nullsMustMatch: true, "LEAN %B");
    }

    [Fact]
    public void Next_FlatWindow_BandsCollapseAndRatiosAreNull()
    {
        var bb = new BollingerBands(5, 2);
        BollingerValue? value = null;

        for (var i = 0; i < 8; i++)
        {
            value = bb.Next(TestCandles.At(TestCandles.Start.AddDays(i), 50m, 50m, 50m, 50m));
        }

        Assert.Equal(new BollingerValue(50, 50, 50, null, null, 0), value);
    }

    [Fact]
    public void Calculate_MeanSigmaAndClose_FollowsDefinitions()
    {
        var value = BollingerBands.Calculate(middle: 100, standardDeviation: 5, k: 2, close: 105);

        Assert.Equal(new BollingerValue(100, 110, 90, 0.75, 1, 0.2), value);
    }

    [Fact]
    public void Name_FractionalK_UsesInvariantShortestForm() => Assert.Equal("BB(10,2.5)", new BollingerBands(10, 2.5).Name);

    protected override IIndicator<BollingerValue> CreateIndicator() => new BollingerBands(20, 2);

    protected override double?[] Components(BollingerValue value) =>
        [value.Middle, value.Upper, value.Lower, value.PercentB, value.ZScore, value.Width];

    protected override IReadOnlyList<IndicatorPoint<BollingerValue>> RunBatchHelper(IReadOnlyList<Candle> candles) =>
        candles.ToBollingerBands();

    protected override void AssertMatchesPeerVectors()
    {
        var bb = PeerVectors.SkQuotes.ToBollingerBands(20, 2);
        (string Field, Func<BollingerValue, double?> Select)[] fields =
        [
            ("sma", v => v.Middle),
            ("upperBand", v => v.Upper),
            ("lowerBand", v => v.Lower),
            ("percentB", v => v.PercentB),
            ("zScore", v => v.ZScore),
            ("width", v => v.Width),
        ];
        foreach (var (field, select) in fields)
        {
            SeriesAssert.Matches(
                PeerVectors.SkField("bb.standard.json", field), bb, select, Tolerance.Relative9, nullsMustMatch: true, $"SK bb.standard.json {field}");
        }
    }
}
