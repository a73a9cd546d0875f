using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

/// <summary>
/// What every indicator promises: its peers' reference values, null during warm-up and then a value on exactly
/// the <see cref="IIndicator.WarmUpPeriod"/>-th candle, a full <see cref="IIndicator.Reset"/>, forward-only
/// input, bad candles counted and ignored, no allocation per candle, and batch helpers equal to streaming.
/// </summary>
/// <typeparam name="T">The indicator's value type.</typeparam>
public abstract class IndicatorContractTests<T>
    where T : struct
{
    /// <summary>A new indicator with the parameters the contract tests use.</summary>
    protected abstract IIndicator<T> CreateIndicator();

    /// <summary>The name <see cref="CreateIndicator"/>'s indicator must have.</summary>
    protected abstract string ExpectedName { get; }

    /// <summary>The warm-up period <see cref="CreateIndicator"/>'s indicator must have.</summary>
    protected abstract int ExpectedWarmUpPeriod { get; }

    /// <summary>The value's numbers, in a fixed order (optional parts null when absent).</summary>
    protected abstract double?[] Components(T value);

    /// <summary>The batch helper for <see cref="CreateIndicator"/>'s parameters.</summary>
    protected abstract IReadOnlyList<IndicatorPoint<T>> RunBatchHelper(IReadOnlyList<Candle> candles);

    /// <summary>Asserts the indicator against its peers' vectors (Stock.Indicators and, where they exist, LEAN).</summary>
    protected abstract void AssertMatchesPeerVectors();

    [ReferenceFact]
    public void Next_PeerReferenceVectors_MatchWithinTolerance() => AssertMatchesPeerVectors();

    [Fact]
    public void Name_Constructed_IsIdWithParameters()
    {
        var indicator = CreateIndicator();

        Assert.Equal(ExpectedName, indicator.Name);
        Assert.Equal(ExpectedWarmUpPeriod, indicator.WarmUpPeriod);
    }

    [Fact]
    public void Next_BeforeWarmUpPeriod_ReturnsNullThenValueOnWarmUpCandle()
    {
        var indicator = CreateIndicator();
        var candles = TestCandles.RandomWalk(ExpectedWarmUpPeriod + 5);
        Assert.Equal(IndicatorStatus.None, indicator.Status);

        for (var i = 0; i < candles.Length; i++)
        {
            var value = indicator.Next(candles[i]);
            var ready = i + 1 >= ExpectedWarmUpPeriod;

            Assert.Equal(ready, value.HasValue);
            Assert.Equal(ready, indicator.IsReady);
            Assert.Equal(ready ? IndicatorStatus.Ok : IndicatorStatus.WarmingUp, indicator.Status);
            Assert.Equal(i + 1, indicator.Samples);
            Assert.Equal(value, indicator.Current);
        }
    }

    [Fact]
    public void Next_AfterWarmUp_ValuesAreFinite()
    {
        var indicator = CreateIndicator();

        foreach (var candle in TestCandles.RandomWalk(ExpectedWarmUpPeriod + 300, seed: 11))
        {
            if (indicator.Next(candle) is { } value)
            {
                Assert.All(Components(value), c => Assert.True(c is null || double.IsFinite(c.Value), $"{c} is not finite"));
            }
        }
    }

    [Fact]
    public void Reset_AfterCandles_BehavesLikeNewInstance()
    {
        var candles = TestCandles.RandomWalk(ExpectedWarmUpPeriod + 40, seed: 3);
        var fresh = CreateIndicator();
        var expected = candles.Select(c => fresh.Next(c)).ToArray();
        var reused = CreateIndicator();
        foreach (var candle in TestCandles.RandomWalk(ExpectedWarmUpPeriod + 10, seed: 5, start: 250m))
        {
            reused.Next(candle);
        }

        reused.Next(candles[0]); // an earlier time: rejected, counted
        reused.Reset();

        Assert.Null(reused.Current);
        Assert.False(reused.IsReady);
        Assert.Equal(0, reused.Samples);
        Assert.Equal(0, reused.OutOfOrderCount);
        Assert.Equal(0, reused.InvalidCount);
        Assert.Equal(IndicatorStatus.None, reused.Status);
        AssertBitwiseEqual(expected, candles.Select(c => reused.Next(c)).ToArray());
    }

    [Theory]
    [InlineData(BadPrices.ZeroLow)]
    [InlineData(BadPrices.NegativeClose)]
    [InlineData(BadPrices.AllZero)]
    [InlineData(BadPrices.HighBelowLow)]
    [InlineData(BadPrices.OpenAboveHigh)]
    [InlineData(BadPrices.CloseBelowLow)]
    public void Next_ImpossiblePrices_RejectedCountedAndIgnored(BadPrices kind)
    {
        // Between two good candles in time, so only the prices make it bad.
        var indicator = AssertRejectedAndIgnored(
            seed: 9,
            (candles, i) => TestCandles.WithBadPrices(candles[i], candles[i].OpenTime.AddHours(-1), kind),
            IndicatorStatus.RejectedInvalid,
            i => i.InvalidCount);

        Assert.Equal(0, indicator.OutOfOrderCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-30)]
    public void Next_OpenTimeNotAfterLastAccepted_RejectedCountedAndIgnored(int daysAfterLast)
    {
        // Valid prices far from the series, so applying the candle would show.
        var indicator = AssertRejectedAndIgnored(
            seed: 13,
            (candles, i) => candles[i - 1] with
            {
                OpenTime = candles[i - 1].OpenTime.AddDays(daysAfterLast),
                Open = 500m,
                High = 520m,
                Low = 480m,
                Close = 510m,
            },
            IndicatorStatus.RejectedOutOfOrder,
            i => i.OutOfOrderCount);

        Assert.Equal(0, indicator.InvalidCount);
    }

    [Fact]
    public void Next_NullCandle_ThrowsArgumentNullException()
    {
        var indicator = CreateIndicator();

        Assert.Throws<ArgumentNullException>(() => indicator.Next(null!));
    }

    [Fact]
    public void Next_AfterWarmUp_DoesNotAllocate()
    {
        var candles = TestCandles.RandomWalk(ExpectedWarmUpPeriod + 3000, seed: 17);
        var warm = ExpectedWarmUpPeriod + 1000;
        var ready = false;
        var allocated = Allocations.Fewest(() =>
        {
            var indicator = CreateIndicator();
            for (var i = 0; i < warm; i++)
            {
                indicator.Next(candles[i]);
            }

            var bytes = Allocations.Of(() =>
            {
                for (var i = warm; i < candles.Length; i++)
                {
                    indicator.Next(candles[i]);
                }
            });
            ready = indicator.IsReady;
            return bytes;
        });

        Assert.True(ready);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void BatchHelper_SameCandles_EqualsStreamingBitwise()
    {
        var candles = TestCandles.RandomWalk(ExpectedWarmUpPeriod + 200, seed: 21);
        var indicator = CreateIndicator();
        var streamed = candles.Select(c => indicator.Next(c)).ToArray();

        var batch = RunBatchHelper(candles);

        Assert.Equal(candles.Select(c => c.OpenTime), batch.Select(p => p.Time));
        AssertBitwiseEqual(streamed, batch.Select(p => p.Value).ToArray());
    }

    /// <summary>
    /// Feeds a series with one bad candle slipped in after warm-up and asserts that it is rejected with
    /// <paramref name="status"/>, counted once, returns the unchanged value, and leaves every other value as if
    /// it had never been offered.
    /// </summary>
    private IIndicator<T> AssertRejectedAndIgnored(
        int seed, Func<Candle[], int, Candle> makeBad, IndicatorStatus status, Func<IIndicator, long> rejections)
    {
        var candles = TestCandles.RandomWalk(ExpectedWarmUpPeriod + 30, seed);
        var clean = CreateIndicator();
        var expected = candles.Select(c => clean.Next(c)).ToArray();
        var insertAt = ExpectedWarmUpPeriod + 3;
        var indicator = CreateIndicator();
        var actual = new List<T?>();

        for (var i = 0; i < candles.Length; i++)
        {
            if (i == insertAt)
            {
                var before = indicator.Current;

                var result = indicator.Next(makeBad(candles, i));

                AssertBitwiseEqual([before], [result]);
                Assert.Equal(status, indicator.Status);
                Assert.Equal(1, rejections(indicator));
                Assert.Equal(i, indicator.Samples);
            }

            actual.Add(indicator.Next(candles[i]));
        }

        AssertBitwiseEqual(expected, actual);
        Assert.Equal(IndicatorStatus.Ok, indicator.Status);
        return indicator;
    }

    /// <summary>Asserts two value sequences are equal bit for bit, component by component.</summary>
    protected void AssertBitwiseEqual(IReadOnlyList<T?> expected, IReadOnlyList<T?> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].HasValue, actual[i].HasValue);
            if (expected[i] is { } e && actual[i] is { } a)
            {
                var bitsE = Components(e).Select(Bits).ToArray();
                var bitsA = Components(a).Select(Bits).ToArray();
                Assert.True(bitsE.SequenceEqual(bitsA), $"row {i}: {e} != {a}");
            }
        }
    }

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;
}
