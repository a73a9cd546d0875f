using QuantPulse.Analytics;
using QuantPulse.Model;

namespace QuantPulse.Tests.Analytics;

public class SymbolAnalyticsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static Candle Bar(string symbol, int minute, decimal close, decimal volume = 1, bool closed = true) =>
        new(symbol, Timeframe.OneMinute, Start.AddMinutes(minute), close, close + 1, close - 2, close, volume, 1, closed);

    [Fact]
    public void Analyze_Candles_PointsMatchTheRollingFunctionsOfTheCloses()
    {
        Candle[] candles = [Bar("S", 2, 12, 3), Bar("S", 0, 10, 1), Bar("S", 1, 11, 2), Bar("S", 3, 9, 4), Bar("S", 4, 15, 0, closed: false)];

        var analysis = SymbolAnalytics.Analyze(candles, 2);

        Assert.Equal(4, analysis.Points.Count);
        Assert.Equal(525_960.0, analysis.PeriodsPerYear, 1e-9);
        Assert.Equal([10.0, 11, 12, 9], analysis.Points.Select(p => p.Close));
        var last = analysis.Points[^1];
        Assert.Equal(Start.AddMinutes(3), last.OpenTime);
        Assert.Equal(-0.25, last.Return!.Value, 1e-12);
        Assert.Equal(10.5, last.Mean!.Value, 1e-12);
        Assert.Equal(9.0, last.Min);
        Assert.Equal(12.0, last.Max);
        // Typical prices (h + l + c)/3 = close − 1/3; volumes 3 and 4.
        Assert.Equal(((3 * (12 - (1.0 / 3))) + (4 * (9 - (1.0 / 3)))) / 7, last.Vwap!.Value, 1e-12);
        var r1 = Math.Log(12.0 / 11);
        var r2 = Math.Log(9.0 / 12);
        Assert.Equal(Math.Abs(r1 - r2) / Math.Sqrt(2) * Math.Sqrt(525_960), last.RealizedVolatility!.Value, 1e-9);
        Assert.Null(analysis.Points[0].Mean);
    }

    [Fact]
    public void Analyze_MixedSymbols_Throws()
    {
        Assert.Throws<ArgumentException>(() => SymbolAnalytics.Analyze([Bar("A", 0, 1), Bar("B", 1, 2)], 2));
    }

    [Fact]
    public void InnerJoin_MissingAndOpenCandles_KeepsOnlyTimesEverySeriesClosed()
    {
        Candle[] a = [Bar("A", 0, 1), Bar("A", 1, 2), Bar("A", 2, 3), Bar("A", 3, 4, closed: false)];
        Candle[] b = [Bar("B", 3, 40), Bar("B", 2, 30), Bar("B", 0, 10)];

        var aligned = CandleAlignment.InnerJoin([a, b]);

        Assert.Equal([Start, Start.AddMinutes(2)], aligned.Times);
        Assert.Equal([1.0, 3.0], aligned.Closes[0]);
        Assert.Equal([10.0, 30.0], aligned.Closes[1]);
    }
}
