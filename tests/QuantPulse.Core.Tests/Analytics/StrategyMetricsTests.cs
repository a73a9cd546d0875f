using QuantPulse.Analytics;
using QuantPulse.Model;

namespace QuantPulse.Tests.Analytics;

public class StrategyMetricsTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);

    private static Trade Closed(string id, double openHours, double closeHours, double movement) =>
        Open(id, openHours) with { CloseTime = Day0.AddHours(closeHours), MovementPercentage = movement, Result = movement > 0 ? TradeResult.Win : TradeResult.Loss };

    private static Trade Open(string id, double openHours) =>
        new(id, "sig-" + id, "SYM", SignalType.Buy, 100, 99, 102, Day0.AddHours(openHours));

    // Four daily bars with booked returns +2 %, −1 %, 0, +3 %; equity 1, 1.02, 1.01, 1.01, 1.04.
    private static PairMetrics Measure() => StrategyMetrics.Measure(
        [Closed("c", 72, 84, 3), Closed("a", 1, 13, 2), Open("d", 78), Closed("b", 24, 30, -1)],
        Timeframe.OneDay,
        Day0,
        Day0.AddHours(84));

    [Fact]
    public void Measure_FourDailyBars_SharpeSortinoCalmarAsComputedByHand()
    {
        var m = Measure();

        // Returns 0.02, −0.01, 0, 0.03: mean 0.01; squared deviations 1e-4, 4e-4, 1e-4, 4e-4 → sample σ = √(1e-3/3);
        // downside deviation √(0.01²/4) = 0.005; 365.25 daily bars a year.
        Assert.Equal(0.01 / Math.Sqrt(1e-3 / 3) * Math.Sqrt(365.25), m.Sharpe, 1e-9);
        Assert.Equal(0.01 / 0.005 * Math.Sqrt(365.25), m.Sortino, 1e-9);
        var annualized = Math.Pow(1.04, 365.25 / 4) - 1;
        Assert.Equal(annualized, m.AnnualizedReturn, 1e-9);
        Assert.Equal(0.01 / 1.02, m.MaxDrawdown, 1e-12);
        Assert.Equal(2, m.MaxDrawdownBars);
        Assert.Equal(annualized / (0.01 / 1.02), m.Calmar, 1e-6);
        Assert.Equal(0.04, m.TotalReturn, 1e-12);
        Assert.Equal(365.25, m.PeriodsPerYear);
    }

    [Fact]
    public void Measure_ClosedAndOpenTrades_TradeFiguresOfClosedOnesAndExposureOfBoth()
    {
        var m = Measure();

        Assert.Equal(3, m.Trades);
        Assert.Equal(2.0 / 3, m.WinRate, 1e-12);
        Assert.Equal(5.0, m.ProfitFactor, 1e-9);
        Assert.Equal(0.04 / 3, m.Expectancy, 1e-12);
        // Held: 12 h on day 0, 6 h on day 1, day 3 from 00:00 to the end of its bar (the open trade) = 42 h of 96 h.
        Assert.Equal(42.0 / 96, m.Exposure, 1e-12);
    }

    [Fact]
    public void Measure_NoTrades_ZeroReturnAndUndefinedRatios()
    {
        var m = StrategyMetrics.Measure([], Timeframe.OneHour, Day0, Day0.AddHours(5));

        Assert.Equal(0, m.Trades);
        Assert.Equal(0.0, m.TotalReturn);
        Assert.True(double.IsNaN(m.Sharpe));
        Assert.True(double.IsNaN(m.WinRate));
        Assert.Equal(0.0, m.Exposure);
    }

    [Fact]
    public void Measure_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(() => StrategyMetrics.Measure([], Timeframe.OneHour, Day0, Day0.AddHours(-1)));
    }
}
