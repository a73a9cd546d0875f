using QuantPulse.Alerts;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Alerts;

public class AlertEngineTests
{
    private static readonly DateTimeOffset T0 = Ticks.Day;

    private static AlertRule Price(AlertCondition condition, double level, AlertFrequency frequency = AlertFrequency.EveryTime, long id = 1) =>
        new() { Id = id, Name = "r" + id, Symbol = "R_100", Condition = condition, Level = level, Frequency = frequency };

    private static List<AlertTrigger> RunTicks(AlertEngine engine, params (int Second, decimal Price)[] ticks)
    {
        var fired = new List<AlertTrigger>();
        foreach (var (second, price) in ticks)
        {
            engine.Evaluate(Ticks.Trade(T0.AddSeconds(second), price), fired);
        }

        return fired;
    }

    [Theory]
    [InlineData(AlertCondition.CrossingUp, new[] { 3 })]
    [InlineData(AlertCondition.CrossingDown, new[] { 5 })]
    [InlineData(AlertCondition.Crossing, new[] { 3, 5 })]
    [InlineData(AlertCondition.GreaterThan, new[] { 3, 4 })]
    [InlineData(AlertCondition.LessThan, new[] { 1, 2, 5, 6 })]
    public void Evaluate_PriceAroundLevel_FiresOnTheExpectedTicks(AlertCondition condition, int[] seconds)
    {
        var engine = new AlertEngine([Price(condition, 100)]);

        // 99 → 99.5 → 100 (reaches the level from below) → 101 → 99 (falls through) → 98.
        var fired = RunTicks(engine, (1, 99m), (2, 99.5m), (3, 100m), (4, 101m), (5, 99m), (6, 98m));

        // greater_than is strict: 100 is not above 100.
        var expected = condition == AlertCondition.GreaterThan ? [4] : seconds;
        Assert.Equal(expected, fired.Select(t => (int)(t.Time - T0).TotalSeconds));
        Assert.All(fired, t => Assert.Equal(100, t.Threshold));
    }

    [Fact]
    public void Evaluate_FirstTickAboveLevel_IsNoCrossing()
    {
        var engine = new AlertEngine([Price(AlertCondition.Crossing, 100)]);

        Assert.Empty(RunTicks(engine, (1, 105m), (2, 106m)));
    }

    [Fact]
    public void Evaluate_OncePerBar_FiresOncePerMinute()
    {
        var engine = new AlertEngine([Price(AlertCondition.GreaterThan, 100, AlertFrequency.OncePerBar)]);

        var fired = RunTicks(engine, (1, 101m), (30, 102m), (59, 103m), (60, 104m), (61, 105m), (125, 106m));

        Assert.Equal([1, 60, 125], fired.Select(t => (int)(t.Time - T0).TotalSeconds));
        Assert.Equal([101.0, 104.0, 106.0], fired.Select(t => t.Value));
    }

    [Fact]
    public void Evaluate_Once_FiresOnlyTheFirstTime()
    {
        var engine = new AlertEngine([Price(AlertCondition.GreaterThan, 100, AlertFrequency.Once)]);

        var fired = RunTicks(engine, (1, 101m), (100, 102m), (1000, 103m));

        Assert.Single(fired);
    }

    [Fact]
    public void Evaluate_Cooldown_CountsInMarketTime()
    {
        var engine = new AlertEngine([Price(AlertCondition.GreaterThan, 100) with { Cooldown = TimeSpan.FromSeconds(10) }]);

        var fired = RunTicks(engine, (0, 101m), (5, 101m), (9, 101m), (10, 101m), (15, 101m), (21, 101m));

        Assert.Equal([0, 10, 21], fired.Select(t => (int)(t.Time - T0).TotalSeconds));
    }

    [Fact]
    public void Evaluate_AfterExpiry_NeverFires()
    {
        var engine = new AlertEngine([Price(AlertCondition.GreaterThan, 100) with { Expires = T0.AddSeconds(3) }]);

        var fired = RunTicks(engine, (1, 101m), (2, 101m), (3, 101m), (4, 101m));

        Assert.Equal([1, 2], fired.Select(t => (int)(t.Time - T0).TotalSeconds));
    }

    [Fact]
    public void Evaluate_OtherSymbol_DoesNotFire()
    {
        var engine = new AlertEngine([Price(AlertCondition.GreaterThan, 100)]);
        var fired = new List<AlertTrigger>();

        engine.Evaluate(Ticks.Trade(T0, 150m, symbol: "R_50"), fired);

        Assert.Empty(fired);
    }

    [Fact]
    public void SetRules_UnchangedRule_KeepsItsPreviousPrice()
    {
        var rule = Price(AlertCondition.CrossingUp, 100);
        var engine = new AlertEngine([rule]);
        var fired = RunTicks(engine, (1, 99m));

        engine.SetRules([rule, Price(AlertCondition.LessThan, 1, id: 2)]);
        fired.AddRange(RunTicks(engine, (2, 101m)));

        Assert.Single(fired);
        Assert.Equal(1, fired[0].RuleId);
    }

    [Fact]
    public void SetRules_DisabledRule_IsNotEvaluated()
    {
        var engine = new AlertEngine([Price(AlertCondition.GreaterThan, 100) with { Enabled = false }]);

        Assert.Empty(RunTicks(engine, (1, 200m)));
        Assert.Empty(engine.Rules);
    }

    [Fact]
    public void SetRules_InvalidRule_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AlertEngine([Price(AlertCondition.GreaterThan, -5)]));

        Assert.Contains("'level'", ex.Message);
    }

    [Fact]
    public void Evaluate_MovingUpPct_ComparesWithTheCloseNCandlesBefore()
    {
        var rule = new AlertRule { Id = 1, Symbol = "R_100", Condition = AlertCondition.MovingUpPct, Percent = 5, Candles = 2, Frequency = AlertFrequency.EveryTime };
        var engine = new AlertEngine([rule]);
        var fired = new List<AlertTrigger>();

        // Closes 100, 102, 104 (+4 % over 2), 107.1 (+5 % over 2: 102 → 107.1), 103.
        foreach (var (i, close) in new[] { (0, 100m), (1, 102m), (2, 104m), (3, 107.1m), (4, 103m) })
        {
            engine.Evaluate(Closed(i, close), fired);
        }

        var trigger = Assert.Single(fired);
        Assert.Equal(5.0, trigger.Value, 9);
        Assert.Equal(T0.AddMinutes(3), trigger.CandleOpenTime);
        Assert.Equal(T0.AddMinutes(4), trigger.Time);
    }

    [Fact]
    public void Evaluate_MovingDownPct_FiresOnTheFall()
    {
        var rule = new AlertRule { Id = 1, Symbol = "R_100", Condition = AlertCondition.MovingDownPct, Percent = 2, Candles = 1 };
        var engine = new AlertEngine([rule]);
        var fired = new List<AlertTrigger>();

        engine.Evaluate(Closed(0, 100m), fired);
        engine.Evaluate(Closed(1, 97m), fired);

        Assert.Equal(-3.0, Assert.Single(fired).Value, 9);
        Assert.Equal(-2.0, fired[0].Threshold);
    }

    [Fact]
    public void Evaluate_VolumeSpike_ComparesWithTheMeanOfThePreviousCandles()
    {
        var rule = new AlertRule { Id = 1, Symbol = "R_100", Condition = AlertCondition.VolumeSpike, Factor = 2, Candles = 3, Frequency = AlertFrequency.EveryTime };
        var engine = new AlertEngine([rule]);
        var fired = new List<AlertTrigger>();

        // Mean of 10, 20, 30 is 20: 40 is not above 2 × 20; then the mean of 20, 30, 40 is 30 and 61 is above 60.
        foreach (var (i, volume) in new[] { (0, 10m), (1, 20m), (2, 30m), (3, 40m), (4, 61m) })
        {
            engine.Evaluate(Closed(i, 100m, volume), fired);
        }

        var trigger = Assert.Single(fired);
        Assert.Equal(61.0, trigger.Value);
        Assert.Equal(60.0, trigger.Threshold, 9);
    }

    [Fact]
    public void Evaluate_IndicatorCrossingAnother_FiresOnTheCandleItCrosses()
    {
        var rule = new AlertRule { Id = 1, Symbol = "R_100", Condition = AlertCondition.CrossingUp, Indicator = "ema_20", OtherIndicator = "ema_50" };
        var engine = new AlertEngine([rule]);
        var columns = new IndicatorColumns(["ema_20", "ema_50"]);
        var fired = new List<AlertTrigger>();

        // Warming up (null), below, below, above.
        var values = new double?[][] { [null, 100], [99, 100], [99.5, 100], [100.5, 100] };
        for (var i = 0; i < values.Length; i++)
        {
            engine.Evaluate(Closed(i, 100m) with { Indicators = new IndicatorValues(columns, values[i]) }, fired);
        }

        var trigger = Assert.Single(fired);
        Assert.Equal(100.5, trigger.Value);
        Assert.Equal(100.0, trigger.Threshold);
        Assert.Equal(T0.AddMinutes(3), trigger.CandleOpenTime);
    }

    [Fact]
    public void Evaluate_IndicatorRuleOnOtherInterval_IgnoresTheCandle()
    {
        var rule = new AlertRule { Id = 1, Symbol = "R_100", Condition = AlertCondition.GreaterThan, Indicator = "rsi_14", Level = 70, Interval = Timeframe.FiveMinutes };
        var engine = new AlertEngine([rule]);
        var fired = new List<AlertTrigger>();

        engine.Evaluate(Closed(0, 100m) with { Indicators = new IndicatorValues(new IndicatorColumns(["rsi_14"]), [80]) }, fired);

        Assert.Empty(fired);
    }

    [Fact]
    public void Evaluate_PairZScore_MatchesTheHandComputedValue()
    {
        var rule = new AlertRule { Id = 1, Symbol = "A", OtherSymbol = "B", Condition = AlertCondition.PairZScore, Threshold = 1.1, Candles = 3, HedgeRatio = 2, Frequency = AlertFrequency.EveryTime };
        var engine = new AlertEngine([rule]);
        var fired = new List<AlertTrigger>();

        // Spreads b − 2a: 1, 2, then 6. Window {1, 2, 6}: mean 3, sample σ = √((4 + 1 + 9) / 2) = √7; z = 3 / √7 ≈ 1.134.
        var pairs = new[] { (10m, 21m), (10m, 22m), (10m, 26m) };
        for (var i = 0; i < pairs.Length; i++)
        {
            engine.Evaluate(Closed(i, pairs[i].Item1, symbol: "A"), fired);
            engine.Evaluate(Closed(i, pairs[i].Item2, symbol: "B"), fired);
        }

        var trigger = Assert.Single(fired);
        Assert.Equal(3 / Math.Sqrt(7), trigger.Value, 12);
        Assert.Equal(1.1, trigger.Threshold);
        Assert.Equal("A", trigger.Symbol);
    }

    [Fact]
    public void Evaluate_PairLegsClosingInAnotherOrder_FireTheSameTriggers()
    {
        var rule = new AlertRule { Id = 1, Symbol = "A", OtherSymbol = "B", Condition = AlertCondition.PairZScore, Threshold = 1, Candles = 3, Frequency = AlertFrequency.EveryTime };
        var a = Enumerable.Range(0, 12).Select(i => Closed(i, 10m + (i % 3), symbol: "A")).ToList();
        var b = Enumerable.Range(0, 12).Select(i => Closed(i, 20m + (i * i % 7), symbol: "B")).ToList();

        List<AlertTrigger> Run(IEnumerable<ClosedCandle> order)
        {
            var engine = new AlertEngine([rule]);
            var fired = new List<AlertTrigger>();
            foreach (var candle in order)
            {
                engine.Evaluate(candle, fired);
            }

            return fired;
        }

        var alternating = Run(a.Zip(b).SelectMany(p => new[] { p.First, p.Second }));
        var legByLeg = Run(a.Take(6).Concat(b.Take(6)).Concat(b.Skip(6)).Concat(a.Skip(6)));

        Assert.NotEmpty(alternating);
        Assert.Equal(alternating, legByLeg);
    }

    [Fact]
    public void Evaluate_PairCandlesOfDifferentTimes_AreNotPaired()
    {
        var rule = new AlertRule { Id = 1, Symbol = "A", OtherSymbol = "B", Condition = AlertCondition.PairZScore, Threshold = 0.1, Candles = 2, Frequency = AlertFrequency.EveryTime };
        var engine = new AlertEngine([rule]);
        var fired = new List<AlertTrigger>();

        for (var i = 0; i < 6; i++)
        {
            engine.Evaluate(Closed(2 * i, 10m + i, symbol: "A"), fired);
            engine.Evaluate(Closed((2 * i) + 1, 30m - i, symbol: "B"), fired);
        }

        Assert.Empty(fired);
    }

    [Fact]
    public void Evaluate_Batch_SeesEachCandleBeforeTheTickThatClosedIt()
    {
        // An every-time price rule and a volume rule: the candle (position 1) fires between tick 0 and tick 1.
        var engine = new AlertEngine(
        [
            Price(AlertCondition.GreaterThan, 100),
            new AlertRule { Id = 2, Symbol = "R_100", Condition = AlertCondition.MovingUpPct, Percent = 1, Candles = 1, Frequency = AlertFrequency.EveryTime },
        ]);
        var fired = new List<AlertTrigger>();
        engine.Evaluate(Closed(0, 100m), fired);
        Tick[] ticks = [Ticks.Trade(T0.AddSeconds(119), 101m), Ticks.Trade(T0.AddSeconds(120), 102m)];

        engine.Evaluate(new MarketBatch(ticks, [new ClosedCandle(Candle(1, 110m), 1)]), fired);

        Assert.Equal([1L, 2L, 1L], fired.Select(t => t.RuleId));
    }

    [Fact]
    public void Evaluate_TicksThatFireNothing_AllocateNothing()
    {
        var rules = Enumerable.Range(1, 10)
            .Select(i => Price(i % 2 == 0 ? AlertCondition.CrossingUp : AlertCondition.GreaterThan, 1000 + i, id: i))
            .Concat(Enumerable.Range(11, 990).Select(i => Price(AlertCondition.Crossing, 100, id: i) with { Symbol = "OTHER_" + (i % 99) }))
            .ToList();
        var engine = new AlertEngine(rules);
        var fired = new List<AlertTrigger>(16);
        var ticks = Enumerable.Range(0, 2000).Select(i => Ticks.Trade(T0.AddSeconds(i), 100m + (i % 7))).ToArray();
        var batch = new MarketBatch(ticks, []);
        engine.Evaluate(batch, fired);

        var allocated = Allocations.Fewest(() => Allocations.Of(() => engine.Evaluate(batch, fired)));

        Assert.Empty(fired);
        Assert.Equal(0, allocated);
    }

    private static Candle Candle(int minute, decimal close, decimal volume = 1m, string symbol = "R_100") =>
        new(symbol, Timeframe.OneMinute, T0.AddMinutes(minute), close, close, close, close, volume, 3, IsClosed: true);

    private static ClosedCandle Closed(int minute, decimal close, decimal volume = 1m, string symbol = "R_100") =>
        new(Candle(minute, close, volume, symbol), 0);
}
