using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class SuperTrendTests : IndicatorContractTests<SuperTrendValue>
{
    protected override string ExpectedName => "SUPERTREND(10,3)";

    protected override int ExpectedWarmUpPeriod => 11;

    [Fact]
    public void Next_FirstValue_StartsOnSideOfMidPointWithBandsOffsetByAtr()
    {
        var candles = TestCandles.RandomWalk(12, seed: 4);
        var atr = candles.ToAtr(10)[10].Value!.Value;
        var bar = candles[10];
        var mid = ((double)bar.High + (double)bar.Low) / 2;

        var value = candles.ToSuperTrend(10, 3)[10].Value!.Value;

        var up = (double)bar.Close >= mid;
        Assert.Equal(up, value.IsUpTrend);
        Assert.Equal(up ? mid - (3 * atr) : mid + (3 * atr), value.Line);
    }

    [Fact]
    public void Next_UpTrend_LowerBandNeverFallsUntilFlip()
    {
        var values = TestCandles.RandomWalk(400, seed: 8).ToSuperTrend(10, 3).Select(p => p.Value).ToArray();

        for (var i = 12; i < values.Length; i++)
        {
            if (values[i - 1] is { IsUpTrend: true } previous && values[i] is { IsUpTrend: true } current)
            {
                Assert.True(current.LowerBand >= previous.LowerBand || current.Line != previous.Line, $"row {i}");
            }
        }

        Assert.Contains(values, v => v is { IsUpTrend: true });
        Assert.Contains(values, v => v is { IsUpTrend: false });
    }

    protected override IIndicator<SuperTrendValue> CreateIndicator() => new SuperTrend(10, 3);

    protected override double?[] Components(SuperTrendValue value) => [value.Line, value.UpperBand, value.LowerBand];

    protected override IReadOnlyList<IndicatorPoint<SuperTrendValue>> RunBatchHelper(IReadOnlyList<Candle> candles) => candles.ToSuperTrend();

    protected override void AssertMatchesPeerVectors()
    {
        var values = PeerVectors.SkQuotes.ToSuperTrend(10, 3);
        (string Field, Func<SuperTrendValue, double?> Select)[] fields =
        [
            ("superTrend", v => v.Line),
            ("upperBand", v => v.UpperBand),
            ("lowerBand", v => v.LowerBand),
        ];
        foreach (var (field, select) in fields)
        {
            SeriesAssert.Matches(PeerVectors.SkField("supertrend.standard.json", field), values, select, Tolerance.Relative9, nullsMustMatch: true, "SK supertrend.standard.json " + field);
        }
    }
}
