using QuantPulse.Indicators;

namespace QuantPulse.Tests.Indicators;

public class IndicatorSpecTests
{
    [Fact]
    public void Factories_Defaults_AreTheDocumentedParameters()
    {
        Assert.Equal("EMA(20)", IndicatorSpec.Ema().ToString());
        Assert.Equal("SMA(20)", IndicatorSpec.Sma().ToString());
        Assert.Equal("SMMA(20)", IndicatorSpec.Smma().ToString());
        Assert.Equal("RSI(14)", IndicatorSpec.Rsi().ToString());
        Assert.Equal("ATR(14)", IndicatorSpec.Atr().ToString());
        Assert.Equal("ATR(14,TradingView)", IndicatorSpec.Atr(seeding: AtrSeeding.TradingView).ToString());
        Assert.Equal("TR", IndicatorSpec.TrueRange().ToString());
        Assert.Equal("MACD(12,26,9)", IndicatorSpec.Macd().ToString());
        Assert.Equal("BB(20,2)", IndicatorSpec.BollingerBands().ToString());
        Assert.Equal("STDEV(20)", IndicatorSpec.StandardDeviation().ToString());
        Assert.Equal("HA", IndicatorSpec.HeikinAshi().ToString());
    }

    [Theory]
    [InlineData("EMA(20)", "ema_20")]
    [InlineData("EMA(9)", "ema_9")]
    [InlineData("SMA(50)", "sma_50")]
    [InlineData("SMMA(20)", "smma_20")]
    [InlineData("RSI(14)", "rsi_14")]
    [InlineData("ATR(14)", "atr_14")]
    [InlineData("ATR(7,TradingView)", "atr_tv_7")]
    [InlineData("TR", "tr")]
    [InlineData("MACD(12,26,9)", "macd_12_26_9,macd_signal_12_26_9,macd_hist_12_26_9")]
    [InlineData("MACD(5,35,5)", "macd_5_35_5,macd_signal_5_35_5,macd_hist_5_35_5")]
    [InlineData("BB(20,2)", "bb_middle_20_2,bb_upper_20_2,bb_lower_20_2")]
    [InlineData("BB(20,2.5)", "bb_middle_20_2.5,bb_upper_20_2.5,bb_lower_20_2.5")]
    [InlineData("BB(10,0.75)", "bb_middle_10_0.75,bb_upper_10_0.75,bb_lower_10_0.75")]
    [InlineData("STDEV(20)", "stdev_20,zscore_20")]
    [InlineData("HA", "ha_open,ha_high,ha_low,ha_close")]
    public void Columns_Spec_AreTheCliColumnNames(string spec, string columns) =>
        Assert.Equal(columns.Split(','), IndicatorSpec.Parse(spec).Columns);

    [Theory]
    [InlineData("ema(20)", "EMA(20)")]
    [InlineData("  EMA ( 20 ) ", "EMA(20)")]
    [InlineData("EMA", "EMA(20)")]
    [InlineData("EMA()", "EMA(20)")]
    [InlineData("Ema(Period=50)", "EMA(50)")]
    [InlineData("BB(Period=10, K=2.5)", "BB(10,2.5)")]
    [InlineData("BB(K=3)", "BB(20,3)")]
    [InlineData("BB(20,2.0)", "BB(20,2)")]
    [InlineData("MACD(Fast=5,Slow=35,Signal=5)", "MACD(5,35,5)")]
    [InlineData("MACD(8)", "MACD(8,26,9)")]
    [InlineData("ATR(14, tradingview)", "ATR(14,TradingView)")]
    [InlineData("ATR(Seeding=TradingView)", "ATR(14,TradingView)")]
    [InlineData("ATR(14,1)", "ATR(14,TradingView)")]
    [InlineData("ATR(14,Wilder)", "ATR(14)")]
    [InlineData("stdev(30)", "STDEV(30)")]
    [InlineData("tr", "TR")]
    public void Parse_ValidText_GivesCanonicalSpec(string text, string canonical)
    {
        var spec = IndicatorSpec.Parse(text);

        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, IndicatorSpec.Parse(canonical));
    }

    [Theory]
    [InlineData("EMAX(20)", "Unknown indicator ID 'EMAX'. Known IDs: EMA, SMA")]
    [InlineData("EMA(Length=20)", "Indicator EMA has no parameter 'Length'. Its parameters are: Period.")]
    [InlineData("EMA(0)", "Parameter 'Period' of EMA must be between 1 and 100000; got 0.")]
    [InlineData("EMA(20.5)", "Parameter 'Period' of EMA must be a whole number; got 20.5.")]
    [InlineData("EMA(abc)", "Parameter 'Period' of EMA must be a number; got 'abc'.")]
    [InlineData("EMA(20,3)", "EMA takes at most 1 parameter(s): Period.")]
    [InlineData("EMA(Period=20,period=30)", "Parameter 'Period' of EMA is given twice.")]
    [InlineData("MACD(26,12,9)", "Parameter 'Slow' of MACD must be greater than Fast (26); got 12.")]
    [InlineData("ATR(14,TV)", "Parameter 'Seeding' of ATR must be one of Wilder, TradingView; got 'TV'.")]
    [InlineData("ATR(14,2)", "Parameter 'Seeding' of ATR must be one of Wilder, TradingView; got 2.")]
    [InlineData("BB(20,0)", "Parameter 'K' of BB must be between 0.01 and 10; got 0.")]
    [InlineData("BB(K=2,20)", "a value without a name cannot follow a named value.")]
    [InlineData("TR(3)", "TR takes at most 0 parameter(s).")]
    [InlineData("EMA(20", "is not an indicator spec")]
    [InlineData("EMA(20))", "is not an indicator spec")]
    [InlineData("", "The indicator spec is empty")]
    public void TryParse_InvalidText_ExplainsWhy(string text, string message)
    {
        Assert.False(IndicatorSpec.TryParse(text, out var spec, out var error));

        Assert.Null(spec);
        Assert.Contains(message, error, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => IndicatorSpec.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Fact]
    public void Create_UnknownIdOrParameter_ThrowsArgumentException()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => IndicatorSpec.Create("NOPE")).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => IndicatorSpec.Create("EMA", [new("Length", 20)])).ParamName);
    }

    [Fact]
    public void Factories_OutOfRange_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorSpec.Ema(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorSpec.Macd(26, 12, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorSpec.BollingerBands(20, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorSpec.Atr(14, (AtrSeeding)5));
    }

    [Fact]
    public void Equals_SameIndicatorAndValues_EqualWithSameHash()
    {
        var a = IndicatorSpec.Parse("bb(20, 2)");
        var b = IndicatorSpec.BollingerBands(20, 2);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, IndicatorSpec.BollingerBands(20, 2.5));
        Assert.NotEqual(IndicatorSpec.Ema(20), IndicatorSpec.Sma(20));
    }

    [Fact]
    public void Parameters_AnyCase_ReturnsValue()
    {
        var spec = IndicatorSpec.Macd(5, 35, 5);

        Assert.Equal(35, spec.GetInt32("slow"));
        Assert.Equal(5.0, spec.Parameters["SIGNAL"]);
        Assert.Throws<ArgumentException>(() => spec.GetValue("Period"));
    }

    [Fact]
    public void CreateIndicator_Spec_BuildsConfiguredIndicator()
    {
        var atr = Assert.IsType<Atr>(IndicatorSpec.Parse("ATR(10,TradingView)").CreateIndicator());

        Assert.Equal(10, atr.Period);
        Assert.Equal(AtrSeeding.TradingView, atr.Seeding);
        Assert.NotSame(IndicatorSpec.Ema().CreateIndicator(), IndicatorSpec.Ema().CreateIndicator());
    }
}
