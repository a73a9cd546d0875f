using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Signals;

/// <summary>
/// The ema-rsi rules on scripted indicator values: the first candle sets the previous EMAs, the second one crosses
/// (or not) and is judged by the confirmations.
/// </summary>
public class EmaRsiStrategyTests
{
    private static Signal? CrossUp(EmaRsiOptions options, double? rsi, double? trend, decimal close = 100m) =>
        Run(options, (1.0, 2.0), (2.5, 2.0), rsi, trend, close);

    private static Signal? CrossDown(EmaRsiOptions options, double? rsi, double? trend, decimal close = 100m) =>
        Run(options, (2.0, 1.0), (0.5, 1.0), rsi, trend, close);

    private static Signal? Run(
        EmaRsiOptions options, (double Fast, double Slow) before, (double Fast, double Slow) after, double? rsi, double? trend, decimal close)
    {
        var strategy = new EmaRsiStrategy(options);
        var first = strategy.Evaluate(Context(0, close, before.Fast, before.Slow, 50, 100));
        Assert.Null(first);
        return strategy.Evaluate(Context(1, close, after.Fast, after.Slow, rsi, trend));
    }

    private static SignalContext Context(int index, decimal close, double? fast, double? slow, double? rsi, double? trend) =>
        new(
            "ema-rsi",
            TradingTesting.Minute(index, close),
            TradingTesting.Values(("ema_9", fast), ("ema_21", slow), ("ema_50", trend), ("rsi_14", rsi), ("atr_tv_14", 1.0)));

    [Fact]
    public void Evaluate_CrossUpAllConfirmationsAgree_BuyWithFullConfidence()
    {
        var signal = CrossUp(new EmaRsiOptions(), rsi: 60, trend: 90);

        Assert.NotNull(signal);
        Assert.Equal(SignalType.Buy, signal.Type);
        Assert.Equal(1.0, signal.Confidence);
        Assert.Equal(["ema_cross", "rsi_side", "rsi_room", "trend_ema"], signal.Confirmations.Select(c => c.Name));
        Assert.All(signal.Confirmations, c => Assert.True(c.Agrees));
        Assert.Equal("ema-rsi:R_100:1m:20240102T000100Z", signal.Id);
        Assert.Equal(Ticks.Day.AddMinutes(2), signal.Timestamp);
        Assert.Equal("ema-rsi", signal.Strategy);
        Assert.Equal(100m, signal.Entry);
        Assert.Equal(98.5m, signal.StopLoss);
        Assert.Equal(103m, signal.TakeProfit);
        Assert.Equal(2.0, signal.RrRatio);
    }

    [Fact]
    public void Evaluate_CrossDownAllConfirmationsAgree_SellWithLevelsMirrored()
    {
        var signal = CrossDown(new EmaRsiOptions(), rsi: 40, trend: 110);

        Assert.NotNull(signal);
        Assert.Equal(SignalType.Sell, signal.Type);
        Assert.Equal(1.0, signal.Confidence);
        Assert.Equal(101.5m, signal.StopLoss);
        Assert.Equal(97m, signal.TakeProfit);
    }

    [Fact]
    public void Evaluate_NoCross_ReturnsNull()
    {
        Assert.Null(Run(new EmaRsiOptions(), (2.5, 2.0), (2.6, 2.0), 60, 90, 100m));
        Assert.Null(Run(new EmaRsiOptions(), (1.0, 2.0), (1.5, 2.0), 60, 90, 100m));
    }

    [Fact]
    public void Evaluate_FastTouchedSlowThenCrossed_CountsAsCross()
    {
        var signal = Run(new EmaRsiOptions(), (2.0, 2.0), (2.1, 2.0), 60, 90, 100m);

        Assert.Equal(SignalType.Buy, signal?.Type);
    }

    [Fact]
    public void Evaluate_RsiBelowMidlineOnBuy_RsiSideDisagreesConfidenceThreeQuarters()
    {
        var signal = CrossUp(new EmaRsiOptions(), rsi: 45, trend: 90);

        Assert.NotNull(signal);
        Assert.Equal(0.75, signal.Confidence);
        Assert.False(Check(signal, "rsi_side").Agrees);
        Assert.True(Check(signal, "rsi_room").Agrees);
        Assert.Contains("rsi_14=45 > 50", Check(signal, "rsi_side").Detail);
    }

    [Fact]
    public void Evaluate_OverboughtOnBuy_RsiRoomDisagrees()
    {
        var signal = CrossUp(new EmaRsiOptions(), rsi: 75, trend: 90);

        Assert.NotNull(signal);
        Assert.Equal(0.75, signal.Confidence);
        Assert.True(Check(signal, "rsi_side").Agrees);
        Assert.False(Check(signal, "rsi_room").Agrees);
    }

    [Fact]
    public void Evaluate_OversoldOnSell_RsiRoomDisagrees()
    {
        var signal = CrossDown(new EmaRsiOptions(), rsi: 25, trend: 110);

        Assert.NotNull(signal);
        Assert.False(Check(signal, "rsi_room").Agrees);
        Assert.True(Check(signal, "rsi_side").Agrees);
    }

    [Fact]
    public void Evaluate_CustomOverboughtLevel_MovesTheRoomCheck()
    {
        var signal = CrossUp(new EmaRsiOptions { RsiOverbought = 80 }, rsi: 75, trend: 90);

        Assert.NotNull(signal);
        Assert.True(Check(signal, "rsi_room").Agrees);
    }

    [Fact]
    public void Evaluate_CloseBelowTrendOnBuy_TrendDisagrees()
    {
        var signal = CrossUp(new EmaRsiOptions(), rsi: 60, trend: 110);

        Assert.NotNull(signal);
        Assert.False(Check(signal, "trend_ema").Agrees);
        Assert.Equal(0.75, signal.Confidence);
    }

    [Fact]
    public void Evaluate_TrendWarmingUp_TrendDisagreesAndSaysWhy()
    {
        var signal = CrossUp(new EmaRsiOptions(), rsi: 60, trend: null);

        Assert.NotNull(signal);
        var trend = Check(signal, "trend_ema");
        Assert.False(trend.Agrees);
        Assert.Equal("ema_50 warming up", trend.Detail);
    }

    [Fact]
    public void Evaluate_FewerConfirmationsThanRequired_ReturnsNull()
    {
        // RSI under 50 on a buy and the close under the trend: only rsi_room agrees, below the default minimum of 2.
        Assert.Null(CrossUp(new EmaRsiOptions(), rsi: 45, trend: 110));
    }

    [Fact]
    public void Evaluate_MinConfirmationsOne_RaisesWithHalfConfidence()
    {
        var signal = CrossUp(new EmaRsiOptions { MinConfirmations = 1 }, rsi: 45, trend: 110);

        Assert.NotNull(signal);
        Assert.Equal(0.5, signal.Confidence);
    }

    [Fact]
    public void Evaluate_MinConfirmationsZero_RaisesOnTheCrossAlone()
    {
        // The RSI warming up and the close under the trend: no confirmation agrees, the cross alone counts.
        Assert.Null(CrossUp(new EmaRsiOptions { MinConfirmations = 1 }, rsi: null, trend: 110));
        var signal = CrossUp(new EmaRsiOptions { MinConfirmations = 0 }, rsi: null, trend: 110);

        Assert.NotNull(signal);
        Assert.Equal(0.25, signal.Confidence);
        Assert.Equal([true, false, false, false], signal.Confirmations.Select(c => c.Agrees));
    }

    [Fact]
    public void Evaluate_AllThreeRequiredAndOneDisagrees_ReturnsNull()
    {
        var options = new EmaRsiOptions { MinConfirmations = 3 };

        Assert.NotNull(CrossUp(options, rsi: 60, trend: 90));
        Assert.Null(CrossUp(options, rsi: 75, trend: 90));
    }

    [Fact]
    public void Evaluate_PreviousEmaMissing_NoCrossUntilTwoCandlesHaveValues()
    {
        var strategy = new EmaRsiStrategy(new EmaRsiOptions());

        Assert.Null(strategy.Evaluate(Context(0, 100m, null, 2.0, 60, 90)));
        Assert.Null(strategy.Evaluate(Context(1, 100m, 2.5, 2.0, 60, 90)));
        var signal = strategy.Evaluate(Context(2, 100m, 1.5, 2.0, 40, 110));

        Assert.Equal(SignalType.Sell, signal?.Type);
    }

    [Fact]
    public void Indicators_Defaults_EmasRsiEachOnce()
    {
        var strategy = new EmaRsiStrategy(new EmaRsiOptions { SlowPeriod = 50 });

        Assert.Equal(["EMA(9)", "EMA(50)", "RSI(14)"], strategy.Indicators.Select(i => i.ToString()));
    }

    [Fact]
    public void Constructor_FastNotBelowSlow_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategySpec.EmaRsi(new EmaRsiOptions { FastPeriod = 21, SlowPeriod = 21 }));

        Assert.Contains("FastPeriod (21) must be below SlowPeriod (21)", ex.Message);
    }

    private static SignalConfirmation Check(Signal signal, string name) => signal.Confirmations.Single(c => c.Name == name);
}
