using QuantPulse.Indicators;

namespace QuantPulse.Tests.Indicators;

/// <summary>Every public indicator constructor rejects out-of-range arguments, naming the argument.</summary>
public class IndicatorConstructorTests
{
    private static readonly Dictionary<string, (Func<IIndicator> Create, string Parameter)> Cases = new()
    {
        ["new Ema(0)"] = (() => new Ema(0), "period"),
        ["new Ema(-5)"] = (() => new Ema(-5), "period"),
        ["new Ema(100_001)"] = (() => new Ema(100_001), "period"),
        ["new Sma(0)"] = (() => new Sma(0), "period"),
        ["new Sma(100_001)"] = (() => new Sma(100_001), "period"),
        ["new Smma(0)"] = (() => new Smma(0), "period"),
        ["new Rsi(0)"] = (() => new Rsi(0), "period"),
        ["new Atr(0)"] = (() => new Atr(0), "period"),
        ["new Atr(14, (AtrSeeding)7)"] = (() => new Atr(14, (AtrSeeding)7), "seeding"),
        ["new Macd(0, 26, 9)"] = (() => new Macd(0, 26, 9), "fastPeriod"),
        ["new Macd(12, 12, 9)"] = (() => new Macd(12, 12, 9), "slowPeriod"),
        ["new Macd(12, 8, 9)"] = (() => new Macd(12, 8, 9), "slowPeriod"),
        ["new Macd(12, 26, 0)"] = (() => new Macd(12, 26, 0), "signalPeriod"),
        ["new BollingerBands(1, 2)"] = (() => new BollingerBands(1, 2), "period"),
        ["new BollingerBands(20, 0)"] = (() => new BollingerBands(20, 0), "k"),
        ["new BollingerBands(20, 10.5)"] = (() => new BollingerBands(20, 10.5), "k"),
        ["new BollingerBands(20, NaN)"] = (() => new BollingerBands(20, double.NaN), "k"),
        ["new StandardDeviation(1)"] = (() => new StandardDeviation(1), "period"),
        ["new StandardDeviation(100_001)"] = (() => new StandardDeviation(100_001), "period"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Constructor_ArgumentOutOfRange_ThrowsNamingArgument(string call)
    {
        var (create, parameter) = Cases[call];

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Constructor_LimitValues_Accepted()
    {
        Assert.Equal(1, new Ema(1).Period);
        Assert.Equal(100_000, new Sma(100_000).Period);
        Assert.Equal(2, new StandardDeviation(2).Period);
        Assert.Equal(10.0, new BollingerBands(2, 10).K);
        Assert.Equal(2, new Macd(1, 2, 1).SlowPeriod);
    }
}
