using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Signals;

/// <summary>UT Bot on hand-computed sequences: the trailing-stop recursion, its ratchet, the crossovers, the Heikin-Ashi source.</summary>
public class UtBotStrategyTests
{
    private static readonly SignalBlockOptions PercentLevels = TradingTesting.PercentLevels();

    // Six candles whose TradingView ATR(2) is, by hand: -, 2, 2, 3, 2.5, 3.25
    // (TR 2, 2, 2, 4, 2, 4; first ATR the mean of the first two TRs, then (prev + TR) / 2).
    private static readonly Candle[] Six =
    [
        TradingTesting.Minute(0, 10m, 11m, 9m, 10m),
        TradingTesting.Minute(1, 10m, 12m, 10m, 12m),
        TradingTesting.Minute(2, 12m, 13m, 11m, 11m),
        TradingTesting.Minute(3, 11m, 11m, 7m, 8m),
        TradingTesting.Minute(4, 8m, 9m, 7m, 8m),
        TradingTesting.Minute(5, 8m, 12m, 8m, 12m),
    ];

    [Theory]
    [InlineData(0, 12, 11, 1, 11)]          // no previous stop (nz = 0), up: src - loss
    [InlineData(11, 12.5, 12, 1, 11.5)]     // up-trend, ratchets up
    [InlineData(11.5, 12.25, 12.5, 1, 11.5)] // up-trend, src - loss lower: the stop holds
    [InlineData(11.5, 11, 12.25, 1, 12)]    // crosses below: flips to src + loss
    [InlineData(12, 10.5, 11, 1, 11.5)]     // down-trend, ratchets down
    [InlineData(11.5, 10.75, 10.5, 1, 11.5)] // down-trend, src + loss higher: the stop holds
    [InlineData(11.5, 12, 10.75, 0.5, 11.5)] // crosses above: flips to src - loss
    public void NextStop_HandComputedSteps_FollowTheRecursion(double previousStop, double source, double previousSource, double loss, double expected)
    {
        Assert.Equal(expected, UtBotStrategy.NextStop(previousStop, source, previousSource, loss));
    }

    [Fact]
    public void NextStop_FirstCandle_NoPreviousSourceIsAFlip()
    {
        Assert.Equal(9, UtBotStrategy.NextStop(0, 10, null, 1));
    }

    [Fact]
    public void Evaluate_ScriptedAtr_RatchetsAndSignalsOnEachCrossing()
    {
        var strategy = new UtBotStrategy(new UtBotOptions { AtrPeriod = 3 });
        (decimal Close, double? Atr, double? Stop, SignalType? Signal)[] script =
        [
            (10m, null, null, null),
            (11m, null, null, null),
            (12m, 1, 11, null),       // first stop: no previous stop, no signal
            (12.5m, 1, 11.5, null),   // ratchets up
            (12.25m, 1, 11.5, null),  // holds
            (11m, 1, 12, SignalType.Sell),   // crosses below
            (10.5m, 1, 11.5, null),   // ratchets down
            (10.75m, 1, 11.5, null),  // holds
            (12m, 0.5, 11.5, SignalType.Buy), // crosses above
            (12.5m, 0.5, 12, null),
        ];

        for (var i = 0; i < script.Length; i++)
        {
            var (close, atr, stop, expected) = script[i];
            var signal = strategy.Evaluate(new SignalContext(
                "utbot", TradingTesting.Minute(i, close), TradingTesting.Values(("atr_tv_3", atr), ("atr_tv_14", 1.0))));

            Assert.Equal(stop, strategy.TrailingStop);
            Assert.Equal(expected, signal?.Type);
        }
    }

    [Fact]
    public void UtBotTrail_HandComputedCandles_GivesTheStopsAndCrossingsOfTheStrategy()
    {
        var trail = new UtBotTrail(new UtBotOptions { AtrPeriod = 2 });

        var points = Six.Select(trail.Next).ToList();

        // Stops: -, 10, 10, 11 (close 8 < 10 flips to 8 + 3), 10.5, 8.75 (close 12 > 10.5 flips to 12 - 3.25).
        Assert.Null(points[0]);
        Assert.Equal([10, 10, 11, 10.5, 8.75], points.Skip(1).Select(p => p!.Value.Stop));
        Assert.Equal([null, null, SignalType.Sell, null, SignalType.Buy], points.Skip(1).Select(p => p!.Value.Cross));
        Assert.Equal(Six[3].OpenTime, points[3]!.Value.Time);
        var signals = Six.ToSignals(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 2 }), PercentLevels);
        Assert.Equal(
            signals.Select(s => (s.Timestamp, s.Type)),
            Six.Zip(points).Where(p => p.Second?.Cross is not null).Select(p => (p.First.CloseTime, p.Second!.Value.Cross!.Value)));
    }

    [Fact]
    public void UtBotTrail_HeikinAshiSource_CrossesWhereTheStrategySignals()
    {
        var options = new UtBotOptions { AtrPeriod = 2, UseHeikinAshi = true };
        var trail = new UtBotTrail(options);

        var crossings = Six.Select(c => (c.CloseTime, Point: trail.Next(c))).Where(p => p.Point?.Cross is not null)
            .Select(p => (p.CloseTime, p.Point!.Value.Cross!.Value));

        Assert.Equal(Six.ToSignals(StrategySpec.UtBot(options), PercentLevels).Select(s => (s.Timestamp, s.Type)), crossings);
    }

    [Fact]
    public void ToSignals_RealCandlesTradingViewAtr_SellThenBuyAtTheHandComputedCandles()
    {
        var signals = Six.ToSignals(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 2 }), PercentLevels);

        // Stops: -, 10, 10, 11 (close 8 < 10 flips to 8 + 3), 10.5, 8.75 (close 12 > 10.5 flips to 12 - 3.25).
        Assert.Equal([SignalType.Sell, SignalType.Buy], signals.Select(s => s.Type));
        Assert.Equal([Six[3].CloseTime, Six[5].CloseTime], signals.Select(s => s.Timestamp));
        Assert.Contains("trailing stop 11 (previously 11 vs 10; atr_tv_2=3)", signals[0].Confirmations[0].Detail);
        Assert.Contains("trailing stop 8.75 (previously 8 vs 10.5; atr_tv_2=3.25)", signals[1].Confirmations[0].Detail);
        Assert.Equal(8m, signals[0].Entry);
        Assert.Equal(8.08m, signals[0].StopLoss);
        Assert.Equal(7.84m, signals[0].TakeProfit);
        Assert.Equal(2.0, signals[0].RrRatio);
    }

    [Fact]
    public void ToSignals_HeikinAshiSource_UsesHaCloseWithTheRealCandlesAtr()
    {
        // HA closes 10, 11, 11.75, 9.25, 8, 10; HA opens 10, 10, 10.5, 11.125, 10.1875, 9.09375.
        // Stops: -, 9, 9.75, 12.25 (9.25 + ATR 3 of the real candles), 10.5, 10.5: the close's buy on the last
        // candle does not happen on the smoother source.
        var signals = Six.ToSignals(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 2, UseHeikinAshi = true }), PercentLevels);

        var sell = Assert.Single(signals);
        Assert.Equal(SignalType.Sell, sell.Type);
        Assert.Equal(Six[3].CloseTime, sell.Timestamp);
        Assert.Equal("ha_close=9.25 crossed below the trailing stop 12.25 (previously 11.75 vs 9.75; atr_tv_2=3)", sell.Confirmations[0].Detail);
        Assert.Equal("ha_close=9.25 < ha_open=11.125 wanted", sell.Confirmations[1].Detail);
        Assert.True(sell.Confirmations[1].Agrees);
        Assert.Equal(8m, sell.Entry);
    }

    [Fact]
    public void Evaluate_CandleAgainstTheSignal_CandleDirectionDisagreesHalfConfidence()
    {
        var strategy = new UtBotStrategy(new UtBotOptions { AtrPeriod = 3 });
        var values = TradingTesting.Values(("atr_tv_3", 1.0), ("atr_tv_14", 1.0));
        strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(0, 10m, 10m, 10m, 10m), values));
        strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(1, 10m, 10m, 10m, 10m), values)); // stop 9

        // Closes under the stop of 9 and under its open: a sell on a falling candle (the stop flips to 9.5).
        var down = strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(2, 9m, 9m, 8.5m, 8.5m), values));
        Assert.Equal(SignalType.Sell, down?.Type);
        Assert.Equal(1.0, down!.Confidence);

        // Gaps up and closes above the stop of 9.5 but under its open: a buy on a red candle.
        var up = strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(3, 10.5m, 10.5m, 9.8m, 10m), values));
        Assert.Equal(SignalType.Buy, up?.Type);
        Assert.False(up!.Confirmations[1].Agrees);
        Assert.Equal(0.5, up.Confidence);
    }

    [Fact]
    public void Evaluate_TrendCheckOn_RecordsItAndMinConfirmationsFilters()
    {
        var options = new UtBotOptions { AtrPeriod = 3, TrendPeriod = 20, MinConfirmations = 2 };
        var strategy = new UtBotStrategy(options);
        Assert.Contains("EMA(20)", strategy.Indicators.Select(i => i.ToString()));
        var values = (double? trend) => TradingTesting.Values(("atr_tv_3", 1.0), ("ema_20", trend), ("atr_tv_14", 1.0));
        strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(0, 10m), values(5)));
        strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(1, 10m), values(5))); // stop 9

        // A down candle closing under the stop, but above the trend EMA: only one of two confirmations.
        Assert.Null(strategy.Evaluate(new SignalContext("utbot", TradingTesting.Minute(2, 9m, 9m, 8.5m, 8.5m), values(5))));

        var relaxed = new UtBotStrategy(new UtBotOptions { AtrPeriod = 3, TrendPeriod = 20, MinConfirmations = 1 });
        relaxed.Evaluate(new SignalContext("utbot", TradingTesting.Minute(0, 10m), values(5)));
        relaxed.Evaluate(new SignalContext("utbot", TradingTesting.Minute(1, 10m), values(5)));
        var sell = relaxed.Evaluate(new SignalContext("utbot", TradingTesting.Minute(2, 9m, 9m, 8.5m, 8.5m), values(5)));
        Assert.NotNull(sell);
        Assert.Equal(["stop_cross", "candle_direction", "trend_ema"], sell.Confirmations.Select(c => c.Name));
        Assert.False(sell.Confirmations[2].Agrees);
        Assert.Equal(2.0 / 3, sell.Confidence);
    }

    [Fact]
    public void Validate_MoreConfirmationsThanSwitchedOn_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategySpec.UtBot(new UtBotOptions { MinConfirmations = 2 }));

        Assert.Contains("MinConfirmations (2) is more than the 1 confirmation(s) switched on", ex.Message);
    }

    [Fact]
    public void Indicators_HeikinAshiAndTrend_AtrTradingViewHaAndEma()
    {
        var spec = StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 7, UseHeikinAshi = true, TrendPeriod = 30 });

        Assert.Equal(["ATR(7,TradingView)", "HA", "EMA(30)"], spec.Indicators.Select(i => i.ToString()));
    }
}
