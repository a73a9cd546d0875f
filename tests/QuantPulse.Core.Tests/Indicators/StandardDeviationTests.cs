using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class StandardDeviationTests : IndicatorContractTests<StandardDeviationValue>
{
    protected override string ExpectedName => "STDEV(14)";

    protected override int ExpectedWarmUpPeriod => 14;

    [Fact]
    public void Next_LargeLevelTinyMoves_MatchesExactTwoPass()
    {
        // BTC at 17 000 moving by cents, with a volatile burst and a flat stretch in between: a running sum of
        // squares loses every significant digit here, and a drifting update would never recover after the burst.
        const int period = 20;
        var closes = BitcoinLikeCloses();
        var indicator = new StandardDeviation(period);
        var worst = 0.0;

        for (var i = 0; i < closes.Length; i++)
        {
            var value = indicator.Next(TestCandles.At(TestCandles.Start.AddMinutes(i), closes[i], closes[i], closes[i], closes[i]));
            if (i < period - 1)
            {
                Assert.Null(value);
                continue;
            }

            var (mean, sigma) = ExactTwoPass(closes.AsSpan(i - period + 1, period));
            var actual = value!.Value;
            if (sigma == 0)
            {
                Assert.Equal(0.0, actual.StdDev);
                Assert.Null(actual.ZScore);
            }
            else
            {
                worst = Math.Max(worst, Math.Abs(actual.StdDev - sigma) / sigma);
            }

            Assert.Equal(mean, actual.Mean, 1e-12 * mean);
        }

        Assert.True(worst <= 1e-9, $"largest relative error of σ: {worst:G3}");
    }

    [Fact]
    public void Next_FlatWindow_StdDevIsExactlyZeroAndZScoreNull()
    {
        var indicator = new StandardDeviation(4);
        var prices = new[] { 17000.01m, 17000.37m, 16999.99m, 17000.02m, 17000.02m, 17000.02m, 17000.02m, 17000.02m };
        StandardDeviationValue? value = null;

        for (var i = 0; i < prices.Length; i++)
        {
            value = indicator.Next(TestCandles.At(TestCandles.Start.AddDays(i), prices[i], prices[i], prices[i], prices[i]));
        }

        Assert.Equal(new StandardDeviationValue(0, 17000.02, null), value);
    }

    [Fact]
    public void ZScore_ValueMeanSigma_IsDistanceInSigmas()
    {
        Assert.Equal(-1.5, StandardDeviation.ZScore(7, 10, 2));
        Assert.Null(StandardDeviation.ZScore(7, 7, 0));
    }

    protected override IIndicator<StandardDeviationValue> CreateIndicator() => new StandardDeviation(14);

    protected override double?[] Components(StandardDeviationValue value) => [value.StdDev, value.Mean, value.ZScore];

    protected override IReadOnlyList<IndicatorPoint<StandardDeviationValue>> RunBatchHelper(IReadOnlyList<Candle> candles) =>
        candles.ToStandardDeviation(14);

    protected override void AssertMatchesPeerVectors()
    {
        var sd = PeerVectors.SkQuotes.ToStandardDeviation(14);

        SeriesAssert.Matches(PeerVectors.SkField("stdev.standard.json", "stdDev"), sd, v => v.StdDev, Tolerance.Relative9, nullsMustMatch: true, "SK stdev.standard.json stdDev");
        SeriesAssert.Matches(PeerVectors.SkField("stdev.standard.json", "mean"), sd, v => v.Mean, Tolerance.Relative9, nullsMustMatch: true, "SK stdev.standard.json mean");
        SeriesAssert.Matches(PeerVectors.SkField("stdev.standard.json", "zScore"), sd, v => v.ZScore, Tolerance.Relative9, nullsMustMatch: true, "SK stdev.standard.json zScore");
    }

    private static decimal[] BitcoinLikeCloses()
    {
        var random = new Random(42);
        var closes = new decimal[16_000];
        var price = 17000m;
        for (var i = 0; i < closes.Length; i++)
        {
            price += i switch
            {
                >= 5000 and < 5100 => random.Next(-30_000, 30_001) * 0.01m, // burst: moves of up to ±300
                >= 10_000 and < 10_060 => 0m, // flat
                _ => random.Next(-2, 3) * 0.01m, // a cent or two
            };
            closes[i] = price;
        }

        return closes;
    }

    /// <summary>Mean and population σ in exact decimal arithmetic (two passes), σ rounded once to double.</summary>
    private static (double Mean, double Sigma) ExactTwoPass(ReadOnlySpan<decimal> window)
    {
        var sum = 0m;
        foreach (var x in window)
        {
            sum += x;
        }

        var mean = sum / window.Length;
        var squares = 0m;
        foreach (var x in window)
        {
            squares += (x - mean) * (x - mean);
        }

        return ((double)mean, Math.Sqrt((double)(squares / window.Length)));
    }
}
