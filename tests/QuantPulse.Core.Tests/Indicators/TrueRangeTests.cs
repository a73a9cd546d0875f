using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class TrueRangeTests : IndicatorContractTests<double>
{
    protected override string ExpectedName => "TR";

    protected override int ExpectedWarmUpPeriod => 2;

    [ReferenceFact]
    public void Next_LeanSpyTr_MatchesExactly()
    {
        var lean = PeerVectors.Lean("spy_tr.txt");

        SeriesAssert.Matches(lean.Column("TR"), lean.Candles.ToTrueRange(), v => v, Tolerance.Relative9, nullsMustMatch: true, "LEAN spy_tr.txt TR");
    }

    [Theory]
    [InlineData(12, 10, 11, 2)] // inside: high - low
    [InlineData(12, 10, 7, 5)] // gap up: high - previous close
    [InlineData(12, 10, 15, 5)] // gap down: previous close - low
    public void Calculate_HighLowPreviousClose_IsLargestRange(double high, double low, double previousClose, double expected) =>
        Assert.Equal(expected, TrueRange.Calculate(high, low, previousClose));

    protected override IIndicator<double> CreateIndicator() => new TrueRange();

    protected override double?[] Components(double value) => [value];

    protected override IReadOnlyList<IndicatorPoint<double>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToTrueRange();

    protected override void AssertMatchesPeerVectors() =>
        SeriesAssert.Matches(
            PeerVectors.SkField("tr.standard.json", "tr"), PeerVectors.SkQuotes.ToTrueRange(), v => v, Tolerance.Relative9, nullsMustMatch: true, "SK tr.standard.json");
}
