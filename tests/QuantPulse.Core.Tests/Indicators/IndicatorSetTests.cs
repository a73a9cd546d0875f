using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

public class IndicatorSetTests
{
    private static readonly IndicatorSpec[] Specs =
    [
        IndicatorSpec.Ema(20),
        IndicatorSpec.Rsi(14),
        IndicatorSpec.Atr(14),
        IndicatorSpec.Macd(12, 26, 9),
        IndicatorSpec.BollingerBands(20, 2),
        IndicatorSpec.StandardDeviation(20),
    ];

    [Fact]
    public void Columns_Specs_InSpecOrder()
    {
        var set = new IndicatorSet(Specs);

        Assert.Equal(
            ["ema_20", "rsi_14", "atr_14", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9",
             "bb_middle_20_2", "bb_upper_20_2", "bb_lower_20_2", "stdev_20", "zscore_20"],
            set.Columns);
        Assert.Equal(Specs, set.Specs);
        Assert.Equal(["EMA(20)", "RSI(14)", "ATR(14)", "MACD(12,26,9)", "BB(20,2)", "STDEV(20)"], set.Indicators.Select(i => i.Name));
    }

    [Fact]
    public void Next_Candles_EqualsEachIndicatorAloneBitwise()
    {
        var candles = TestCandles.RandomWalk(200, seed: 41);
        var set = new IndicatorSet(Specs);

        var values = candles.Select(set.Next).ToArray();

        AssertColumn(values, "ema_20", candles.ToEma(20).Select(p => p.Value));
        AssertColumn(values, "rsi_14", candles.ToRsi(14).Select(p => p.Value));
        AssertColumn(values, "atr_14", candles.ToAtr(14).Select(p => p.Value));
        var macd = candles.ToMacd(12, 26, 9);
        AssertColumn(values, "macd_12_26_9", macd.Select(p => p.Value?.Macd));
        AssertColumn(values, "macd_signal_12_26_9", macd.Select(p => p.Value?.Signal));
        AssertColumn(values, "macd_hist_12_26_9", macd.Select(p => p.Value?.Histogram));
        var bb = candles.ToBollingerBands(20, 2);
        AssertColumn(values, "bb_middle_20_2", bb.Select(p => p.Value?.Middle));
        AssertColumn(values, "bb_upper_20_2", bb.Select(p => p.Value?.Upper));
        AssertColumn(values, "bb_lower_20_2", bb.Select(p => p.Value?.Lower));
        var sd = candles.ToStandardDeviation(20);
        AssertColumn(values, "stdev_20", sd.Select(p => p.Value?.StdDev));
        AssertColumn(values, "zscore_20", sd.Select(p => p.Value?.ZScore));
    }

    [Fact]
    public void ToIndicatorValues_Candles_EqualsStreamingSet()
    {
        var candles = TestCandles.RandomWalk(120, seed: 43);
        var set = new IndicatorSet(Specs);
        var streamed = candles.Select(set.Next).ToArray();

        var batch = candles.ToIndicatorValues(Specs);

        Assert.Equal(streamed.Length, batch.Count);
        for (var i = 0; i < streamed.Length; i++)
        {
            Assert.Equal(Snapshot(streamed[i]), Snapshot(batch[i]));
        }
    }

    [Fact]
    public void Update_AfterWarmUp_DoesNotAllocate()
    {
        var candles = TestCandles.RandomWalk(3000, seed: 47);
        var destination = Array.Empty<double?>();
        var allocated = Allocations.Fewest(() =>
        {
            var set = new IndicatorSet(Specs);
            destination = new double?[set.Columns.Count];
            for (var i = 0; i < 1000; i++)
            {
                set.Update(candles[i], destination);
            }

            return Allocations.Of(() =>
            {
                for (var i = 1000; i < candles.Length; i++)
                {
                    set.Update(candles[i], destination);
                }
            });
        });

        Assert.Equal(0, allocated);
        Assert.All(destination, v => Assert.NotNull(v));
    }

    [Fact]
    public void Update_EveryCatalogIndicatorAfterWarmUp_DoesNotAllocate()
    {
        // The indicators described through the public factory write their columns through a delegate.
        var candles = TestCandles.RandomWalk(3000, seed: 48);
        var status = IndicatorStatus.Ok;
        var allocated = Allocations.Fewest(() =>
        {
            var set = new IndicatorSet(IndicatorCatalog.BuiltIn.Select(d => IndicatorSpec.Create(d.Id)));
            var destination = new double?[set.Columns.Count];
            for (var i = 0; i < 1000; i++)
            {
                set.Update(candles[i], destination);
            }

            var bytes = Allocations.Of(() =>
            {
                for (var i = 1000; i < candles.Length; i++)
                {
                    set.Update(candles[i], destination);
                }
            });
            status = set.Status;
            return bytes;
        });

        Assert.Equal(0, allocated);
        Assert.Equal(IndicatorStatus.Ok, status);
    }

    [Fact]
    public void Update_ShortDestination_ThrowsArgumentException()
    {
        var set = new IndicatorSet(Specs);

        var ex = Assert.Throws<ArgumentException>(() => set.Update(TestCandles.RandomWalk(1)[0], new double?[3]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Constructor_TwoSpecsWithSameColumns_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => new IndicatorSet([IndicatorSpec.Ema(20), IndicatorSpec.Parse("ema(Period=20)")]));

        Assert.Contains("'ema_20'", ex.Message);
        Assert.Contains("EMA(20) and EMA(20)", ex.Message);
    }

    [Fact]
    public void Status_AfterEachCandle_ReportsWhatTheIndicatorsDid()
    {
        var candles = TestCandles.RandomWalk(60);
        var set = new IndicatorSet(Specs);
        Assert.Equal(IndicatorStatus.None, set.Status);

        set.Next(candles[0]);
        Assert.Equal(IndicatorStatus.WarmingUp, set.Status);
        set.Next(candles[0]);
        Assert.Equal(IndicatorStatus.RejectedOutOfOrder, set.Status);
        set.Next(TestCandles.WithBadPrices(candles[1], candles[1].OpenTime, BadPrices.HighBelowLow));
        Assert.Equal(IndicatorStatus.RejectedInvalid, set.Status);
        foreach (var candle in candles[1..21])
        {
            set.Next(candle);
        }

        Assert.Equal(IndicatorStatus.WarmingUp, set.Status); // MACD(12,26,9) needs 26 candles; EMA(20) has a value
        Assert.Equal(IndicatorStatus.Ok, set.Indicators[0].Status);
        foreach (var candle in candles[21..])
        {
            set.Next(candle);
        }

        Assert.Equal(IndicatorStatus.Ok, set.Status);
        Assert.All(set.Indicators, i => Assert.Equal(1, i.OutOfOrderCount));
        Assert.All(set.Indicators, i => Assert.Equal(1, i.InvalidCount));
    }

    [Fact]
    public void Constructor_NullSpec_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new IndicatorSet([IndicatorSpec.Ema(), null!]));

    [Fact]
    public void Next_NoSpecs_ReturnsEmptyValues()
    {
        var set = new IndicatorSet([]);

        var values = set.Next(TestCandles.RandomWalk(1)[0]);

        Assert.Equal(0, values.Count);
        Assert.Empty(set.Columns);
    }

    [Fact]
    public void Reset_AfterCandles_StartsOver()
    {
        var candles = TestCandles.RandomWalk(80, seed: 53);
        var set = new IndicatorSet(Specs);
        var first = candles.Select(set.Next).Select(Snapshot).ToArray();

        set.Reset();
        var second = candles.Select(set.Next).Select(Snapshot).ToArray();

        Assert.Equal(first, second);
    }

    private static void AssertColumn(IndicatorValues[] values, string column, IEnumerable<double?> expected) =>
        Assert.Equal(expected.Select(Bits), values.Select(v => Bits(v[column])));

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;

    private static string Snapshot(IndicatorValues values) =>
        string.Join(";", Enumerable.Range(0, values.Count).Select(i => $"{values.Columns[i]}={Bits(values[i])}"));

    [Fact]
    public void UpdatePriceBar_EveryBuiltInButAdx_EqualsCandlesBitwise()
    {
        // Every built-in indicator with its defaults, fed a walk with out-of-order and impossible bars among the
        // good ones, as candles and as the same bars converted to doubles.
        var specs = IndicatorCatalog.BuiltIn.Where(d => d.Id != "ADX").Select(d => IndicatorSpec.Parse(d.Id)).ToArray();
        var walk = TestCandles.RandomWalk(400, seed: 47);
        var candles = walk.Select((c, i) => i % 37 == 5 ? walk[i - 1] : i % 41 == 7 ? TestCandles.WithBadPrices(c, c.OpenTime, BadPrices.ZeroLow) : c).ToArray();
        var fromCandles = new IndicatorSet(specs);
        var fromBars = new IndicatorSet(specs);
        var expected = new double?[fromCandles.Columns.Count];
        var actual = new double?[fromBars.Columns.Count];

        Assert.True(fromBars.AcceptsPriceBars);
        foreach (var candle in candles)
        {
            fromCandles.Update(candle, expected);
            var applied = fromBars.Update(candle.OpenTime.UtcTicks, PriceBar.From(candle), (double)candle.Volume, actual);

            Assert.Equal(fromCandles.Status, fromBars.Status);
            Assert.Equal(fromCandles.Status is not (IndicatorStatus.RejectedOutOfOrder or IndicatorStatus.RejectedInvalid), applied);
            Assert.Equal(expected.Select(Bits), actual.Select(Bits));
        }

        Assert.Equal(fromCandles.Indicators.Select(i => (i.Samples, i.OutOfOrderCount, i.InvalidCount)), fromBars.Indicators.Select(i => (i.Samples, i.OutOfOrderCount, i.InvalidCount)));
        Assert.Contains(fromBars.Indicators, i => i.OutOfOrderCount > 0 && i.InvalidCount > 0);

        static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;
    }

    [Fact]
    public void UpdatePriceBar_SetWithAdx_RefusedAsAdxTakesDecimals()
    {
        var set = new IndicatorSet([IndicatorSpec.Ema(20), IndicatorSpec.Parse("ADX")]);

        Assert.False(set.AcceptsPriceBars);
        Assert.Throws<InvalidOperationException>(() => set.Update(0, new PriceBar(1, 1, 1, 1), 0, new double?[set.Columns.Count]));
    }
}
