using QuantPulse.Indicators;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

/// <summary>
/// The project's own fixture, <c>TestData/indicators.seeded.csv</c>: a seeded random OHLC series with the expected
/// values of each indicator, computed independently in exact decimal arithmetic by
/// <c>TestData/generate_indicators_seeded.py</c>, and its hourly <c>session.seeded.csv</c> for the session indicators. Each test names a file column and the spec that must produce it.
/// </summary>
public class IndicatorFixtureTests
{
    private const string FileName = SeededFixtures.IndicatorsFile;

    private const string SessionFileName = SeededFixtures.SessionFile;

    [Theory]
    [InlineData("ema_20", "EMA(20)")]
    [InlineData("ema_9", "EMA(9)")]
    [InlineData("sma_20", "SMA(20)")]
    [InlineData("sma_7", "SMA(7)")]
    [InlineData("smma_20", "SMMA(20)")]
    [InlineData("rsi_14", "RSI(14)")]
    [InlineData("rsi_7", "RSI(7)")]
    [InlineData("tr", "TR")]
    [InlineData("atr_14", "ATR(14)")]
    [InlineData("atr_5", "ATR(5)")]
    [InlineData("atr_tv_14", "ATR(14,TradingView)")]
    [InlineData("macd_12_26_9", "MACD(12,26,9)")]
    [InlineData("macd_signal_12_26_9", "MACD(12,26,9)")]
    [InlineData("macd_hist_12_26_9", "MACD(12,26,9)")]
    [InlineData("macd_5_35_5", "MACD(5,35,5)")]
    [InlineData("macd_signal_5_35_5", "MACD(5,35,5)")]
    [InlineData("macd_hist_5_35_5", "MACD(5,35,5)")]
    [InlineData("bb_middle_20_2", "BB(20,2)")]
    [InlineData("bb_upper_20_2", "BB(20,2)")]
    [InlineData("bb_lower_20_2", "BB(20,2)")]
    [InlineData("bb_middle_10_2.5", "BB(10,2.5)")]
    [InlineData("bb_upper_10_2.5", "BB(10,2.5)")]
    [InlineData("bb_lower_10_2.5", "BB(10,2.5)")]
    [InlineData("stdev_20", "STDEV(20)")]
    [InlineData("zscore_20", "STDEV(20)")]
    [InlineData("stdev_14", "STDEV(14)")]
    [InlineData("zscore_14", "STDEV(14)")]
    [InlineData("ha_open", "HA")]
    [InlineData("ha_high", "HA")]
    [InlineData("ha_low", "HA")]
    [InlineData("ha_close", "HA")]
    [InlineData("supertrend_10_3", "SUPERTREND(10,3)")]
    [InlineData("supertrend_upper_10_3", "SUPERTREND(10,3)")]
    [InlineData("supertrend_lower_10_3", "SUPERTREND(10,3)")]
    [InlineData("supertrend_7_1.5", "SUPERTREND(7,1.5)")]
    [InlineData("supertrend_upper_7_1.5", "SUPERTREND(7,1.5)")]
    [InlineData("supertrend_lower_7_1.5", "SUPERTREND(7,1.5)")]
    [InlineData("atr_stop_21_3", "ATR-STOP(21,3)")]
    [InlineData("atr_stop_buy_21_3", "ATR-STOP(21,3)")]
    [InlineData("atr_stop_sell_21_3", "ATR-STOP(21,3)")]
    [InlineData("atr_stop_hl_14_2.5", "ATR-STOP(14,2.5,HighLow)")]
    [InlineData("atr_stop_hl_buy_14_2.5", "ATR-STOP(14,2.5,HighLow)")]
    [InlineData("atr_stop_hl_sell_14_2.5", "ATR-STOP(14,2.5,HighLow)")]
    [InlineData("adx_14", "ADX(14)")]
    [InlineData("plus_di_14", "ADX(14)")]
    [InlineData("minus_di_14", "ADX(14)")]
    [InlineData("adx_5", "ADX(5)")]
    [InlineData("plus_di_5", "ADX(5)")]
    [InlineData("minus_di_5", "ADX(5)")]
    [InlineData("stoch_k_14_3_3", "STOCH(14,3,3)")]
    [InlineData("stoch_d_14_3_3", "STOCH(14,3,3)")]
    [InlineData("stoch_k_5_3_1", "STOCH(5,3,1)")]
    [InlineData("stoch_d_5_3_1", "STOCH(5,3,1)")]
    [InlineData("cci_20", "CCI(20)")]
    [InlineData("cci_7", "CCI(7)")]
    [InlineData("willr_14", "WILLR(14)")]
    [InlineData("willr_5", "WILLR(5)")]
    [InlineData("obv", "OBV")]
    [InlineData("vwap", "VWAP")]
    [InlineData("donchian_upper_20", "DONCHIAN(20)")]
    [InlineData("donchian_middle_20", "DONCHIAN(20)")]
    [InlineData("donchian_lower_20", "DONCHIAN(20)")]
    [InlineData("donchian_upper_5", "DONCHIAN(5)")]
    [InlineData("donchian_middle_5", "DONCHIAN(5)")]
    [InlineData("donchian_lower_5", "DONCHIAN(5)")]
    [InlineData("keltner_upper_20_2_10", "KELTNER(20,2,10)")]
    [InlineData("keltner_middle_20_2_10", "KELTNER(20,2,10)")]
    [InlineData("keltner_lower_20_2_10", "KELTNER(20,2,10)")]
    [InlineData("keltner_upper_5_1.5_30", "KELTNER(5,1.5,30)")]
    [InlineData("keltner_middle_5_1.5_30", "KELTNER(5,1.5,30)")]
    [InlineData("keltner_lower_5_1.5_30", "KELTNER(5,1.5,30)")]
    public void IndicatorSet_SeededFixture_ColumnMatchesIndependentComputation(string column, string spec)
    {
        var fixture = SeededFixtures.Indicators;
        var set = new IndicatorSet([IndicatorSpec.Parse(spec)]);
        var index = set.Columns.IndexOf(column);
        Assert.True(index >= 0, $"{spec} has no column {column}; it has {string.Join(", ", set.Columns)}.");

        var actual = fixture.Candles.Select(c => set.Next(c)[index]).ToArray();

        SeriesAssert.Matches(fixture.Column(column), actual, Tolerance.Relative9, nullsMustMatch: true, $"{FileName} {column}");
    }

    [Theory]
    [InlineData(20, 2.0, "20_2")]
    [InlineData(10, 2.5, "10_2.5")]
    public void ToBollingerBands_SeededFixture_RatiosMatchIndependentComputation(int period, double k, string suffix)
    {
        var fixture = SeededFixtures.Indicators;

        var bb = fixture.Candles.ToBollingerBands(period, k);

        SeriesAssert.Matches(fixture.Column("bb_percent_b_" + suffix), bb, v => v.PercentB, Tolerance.Relative9, nullsMustMatch: true, "%B " + suffix);
        SeriesAssert.Matches(fixture.Column("bb_zscore_" + suffix), bb, v => v.ZScore, Tolerance.Relative9, nullsMustMatch: true, "z-score " + suffix);
        SeriesAssert.Matches(fixture.Column("bb_width_" + suffix), bb, v => v.Width, Tolerance.Relative9, nullsMustMatch: true, "width " + suffix);
    }

    [Theory]
    [InlineData("vwap", "VWAP")]
    [InlineData("obv", "OBV")]
    public void IndicatorSet_SessionFixture_ColumnMatchesIndependentComputation(string column, string spec)
    {
        // Hourly candles over four UTC days, with candles without volume (the first one, and 00:00 of two days).
        var fixture = SeededFixtures.Session;
        var set = new IndicatorSet([IndicatorSpec.Parse(spec)]);

        var actual = fixture.Candles.Select(c => set.Next(c)[column]).ToArray();

        SeriesAssert.Matches(fixture.Column(column), actual, Tolerance.Relative9, nullsMustMatch: true, $"{SessionFileName} {column}");
    }

    [Fact]
    public void Fixture_Session_HasDaysStartingWithoutVolume()
    {
        // Guards the fixture itself: a day whose first candle has no volume is what exercises the VWAP reset.
        var fixture = SeededFixtures.Session;
        var vwap = fixture.Column("vwap");

        Assert.Contains(Enumerable.Range(1, vwap.Count - 1), i => fixture.Candles[i].OpenTime.Hour == 0 && vwap[i] is null && vwap[i - 1] is not null);
    }

    [Fact]
    public void Fixture_FlatStretch_HasUndefinedZScores()
    {
        // Guards the fixture itself: the flat stretch is what exercises σ = 0.
        var zscores = SeededFixtures.Indicators.Column("zscore_20");

        Assert.Contains(zscores.Skip(19), z => z is null);
    }
}
