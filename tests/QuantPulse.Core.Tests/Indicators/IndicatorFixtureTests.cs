using QuantPulse.Indicators;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Indicators;

/// <summary>
/// The project's own fixture, <c>TestData/indicators.seeded.csv</c>: a seeded random OHLC series with the expected
/// values of each indicator, computed independently in exact decimal arithmetic by
/// <c>TestData/generate_indicators_seeded.py</c>. Each test names a file column and the spec that must produce it.
/// </summary>
public class IndicatorFixtureTests
{
    private const string FileName = "indicators.seeded.csv";

    private static readonly Lazy<TableFile> Fixture =
        new(() => TableFile.Load(Path.Combine(AppContext.BaseDirectory, "Indicators", "TestData", FileName)));

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
    public void IndicatorSet_SeededFixture_ColumnMatchesIndependentComputation(string column, string spec)
    {
        var fixture = Fixture.Value;
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
        var fixture = Fixture.Value;

        var bb = fixture.Candles.ToBollingerBands(period, k);

        SeriesAssert.Matches(fixture.Column("bb_percent_b_" + suffix), bb, v => v.PercentB, Tolerance.Relative9, nullsMustMatch: true, "%B " + suffix);
        SeriesAssert.Matches(fixture.Column("bb_zscore_" + suffix), bb, v => v.ZScore, Tolerance.Relative9, nullsMustMatch: true, "z-score " + suffix);
        SeriesAssert.Matches(fixture.Column("bb_width_" + suffix), bb, v => v.Width, Tolerance.Relative9, nullsMustMatch: true, "width " + suffix);
    }

    [Fact]
    public void Fixture_FlatStretch_HasUndefinedZScores()
    {
        // Guards the fixture itself: the flat stretch is what exercises σ = 0.
        var zscores = Fixture.Value.Column("zscore_20");

        Assert.Contains(zscores.Skip(19), z => z is null);
    }
}
