using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Candles;

public class CandleBuilderTests
{
    private static readonly Timeframe M1 = Timeframe.OneMinute;
    private static readonly Timeframe M5 = Timeframe.FiveMinutes;
    private static readonly Timeframe H1 = Timeframe.OneHour;

    [Fact]
    public void Add_TickExactlyAtNextBucketStart_ClosesPreviousBucketBeforeThatTick()
    {
        var builder = Create();

        var closed = Feed(
            builder,
            Trade("10:00:00", 100m),
            Trade("10:00:30", 105m),
            Trade(At("10:01:00").AddTicks(-1), 95m),
            Trade("10:01:00", 101m));

        var only = Assert.Single(closed);
        Assert.Equal(new ClosedCandle(Candle("10:00", M1, 100m, 105m, 95m, 95m, 3m, 3), 3), only);
        Assert.Equal(Candle("10:01", M1, 101m, 101m, 101m, 101m, 1m, 1, isClosed: false), builder.GetForming("R_100", M1));
    }

    [Fact]
    public void Add_TicksInsideOneBucket_ClosesNothing()
    {
        var builder = Create();

        var closed = Feed(builder, Trade("10:00:01", 100m), Trade("10:00:59.9999999", 101m));

        Assert.Empty(closed);
        Assert.Empty(builder.GetHistory("R_100", M1));
        Assert.Equal(2, builder.GetForming("R_100", M1)!.TickCount);
    }

    [Fact]
    public void Add_ThreeTimeframes_MinutesMatchGroupByAndLongerCandlesAggregateMinutes()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [H1, M1, M5], HistoryLength = 10_000 });
        var ticks = InOrderWalk(seed: 11, count: 3000);

        var closed = Feed(builder, ticks);
        builder.Scan(ticks[^1].Time.AddHours(2), closed, ticks.Length);

        var minutes = Series(closed, M1);
        Assert.Equal(CandleOracle.FromTicks(ticks, M1), minutes);
        Assert.Equal(CandleOracle.Aggregate(minutes, M5), Series(closed, M5));
        Assert.Equal(CandleOracle.Aggregate(minutes, H1), Series(closed, H1));
        Assert.True(Series(closed, H1).Count >= 3);
    }

    [Fact]
    public void Add_RandomWalkWithLateTicks_LongerCandlesStillAggregateMinutes()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, M5, H1], HistoryLength = 10_000 });
        var ticks = RandomWalk(seed: 5, count: 5000, Day.AddHours(9), "A", "B");

        var closed = Feed(builder, ticks);
        builder.Scan(ticks.Max(t => t.Time).AddHours(2), closed, ticks.Length);

        Assert.True(builder.LateTicks > 0);
        foreach (var symbol in new[] { "A", "B" })
        {
            var minutes = Series(closed, M1, symbol);
            Assert.Equal(CandleOracle.Aggregate(minutes, M5), Series(closed, M5, symbol));
            Assert.Equal(CandleOracle.Aggregate(minutes, H1), Series(closed, H1, symbol));
        }
    }

    [Fact]
    public void Scan_QuietMinute_ClosesExactlyAtBucketEnd()
    {
        var builder = Create();
        var closed = Feed(builder, Trade("10:00:10", 100m, 2m));

        builder.Scan(At("10:01:00").AddTicks(-1), closed, 1);
        Assert.Empty(closed);

        builder.Scan(At("10:01:00"), closed, 1);
        var only = Assert.Single(closed);
        Assert.Equal(new ClosedCandle(Candle("10:00", M1, 100m, 100m, 100m, 100m, 2m, 1), 1), only);
        Assert.Null(builder.GetForming("R_100", M1));
    }

    [Fact]
    public void Scan_HeartbeatNotAfterPrevious_ChangesNothing()
    {
        var builder = Create();
        var closed = Feed(builder, Trade("10:00:10", 100m));
        builder.Scan(At("10:00:30"), closed, 1);

        builder.Scan(At("10:00:20"), closed, 1);
        builder.Scan(At("10:00:30"), closed, 1);

        Assert.Empty(closed);
        Assert.Equal(3, builder.GetStatistics().Heartbeats);
        Assert.NotNull(builder.GetForming("R_100", M1));
    }

    [Fact]
    public void Add_TickForBucketClosedByLaterTick_IsCountedLateAndNotApplied()
    {
        var builder = Create();
        var closed = Feed(builder, Trade("10:00:10", 100m), Trade("10:01:05", 101m));
        var history = builder.GetHistory("R_100", M1);

        var more = Feed(builder, Trade("10:00:50", 200m));

        Assert.Empty(more);
        Assert.Equal(1, builder.LateTicks);
        Assert.Equal(history, builder.GetHistory("R_100", M1));
        Assert.Equal(Candle("10:01", M1, 101m, 101m, 101m, 101m, 1m, 1, isClosed: false), builder.GetForming("R_100", M1));
        Assert.Equal("R_100", builder.LastLateSymbol);
        Assert.Equal(At("10:00:50").UtcTicks, builder.LastLateTime);
        Assert.Single(closed);
    }

    [Fact]
    public void Add_TickForBucketClosedByHeartbeat_IsCountedLate()
    {
        var builder = Create();
        var closed = Feed(builder, Trade("10:00:10", 100m));
        builder.Scan(At("10:01:00"), closed, 1);

        Feed(builder, Trade("10:00:59", 99m));

        Assert.Equal(1, builder.LateTicks);
        Assert.Equal(1, builder.TicksApplied);
        Assert.Null(builder.GetForming("R_100", M1));
        Assert.Equal(100m, Assert.Single(builder.GetHistory("R_100", M1)).Low);
    }

    [Fact]
    public void Add_LateForMinuteInsideOpenFiveMinuteBucket_IsAppliedToNoTimeframe()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, M5] });
        var closed = Feed(builder, Trade("10:00:10", 100m), Trade("10:01:10", 101m), Trade("10:00:20", 300m));

        builder.Scan(At("10:05:00"), closed, 3);

        Assert.Equal(1, builder.LateTicks);
        Assert.Equal(Candle("10:00", M5, 100m, 101m, 100m, 101m, 2m, 2), Series(closed, M5).Single());
    }

    [Fact]
    public void Add_OutOfOrderInsideOpenBucket_OpenIsEarliestAndCloseIsLatestWithArrivalBreakingTies()
    {
        var builder = Create();
        var closed = Feed(
            builder,
            Trade("10:00:30", 100m, 1m),
            Trade("10:00:10", 90m, 2m),
            Trade("10:00:50", 110m, 3m),
            Trade("10:00:40", 120m, 4m),
            Trade("10:00:10", 95m, 5m),
            Trade("10:00:50", 105m, 6m));

        builder.Scan(At("10:01:00"), closed, 6);

        Assert.Equal(Candle("10:00", M1, 90m, 120m, 90m, 105m, 21m, 6), Assert.Single(closed).Candle);
        Assert.Equal(0, builder.LateTicks);
    }

    [Fact]
    public void Add_IdenticalTradesWithKeepAll_EveryTradeCounts()
    {
        var builder = Create();
        var same = Trade("10:00:10", 100m, 0.5m);

        var closed = Feed(builder, same, same, same);
        builder.Scan(At("10:01:00"), closed, 3);

        Assert.Equal(Candle("10:00", M1, 100m, 100m, 100m, 100m, 1.5m, 3), Assert.Single(closed).Candle);
        Assert.Equal(0, builder.DuplicateTicks);
    }

    [Fact]
    public void Add_DropNotNewer_DropsRepeatedAndOlderTimestampsAndCountsThem()
    {
        var builder = Create(new CandleBlockOptions { DuplicatePolicy = DuplicateTickPolicy.DropNotNewer });

        var closed = Feed(
            builder,
            Trade("10:00:02", 1m),
            Trade("10:00:02", 1m),
            Trade("10:00:04", 2m),
            Trade("10:00:03", 3m),
            Trade("10:00:06", 4m));
        builder.Scan(At("10:01:00"), closed, 5);

        Assert.Equal(Candle("10:00", M1, 1m, 4m, 1m, 4m, 3m, 3), Assert.Single(closed).Candle);
        Assert.Equal(2, builder.DuplicateTicks);
        Assert.Equal(3, builder.TicksApplied);
    }

    [Fact]
    public void Add_DropNotNewer_HeartbeatAloneDoesNotMakeATickDuplicate()
    {
        var builder = Create(new CandleBlockOptions { DuplicatePolicy = DuplicateTickPolicy.DropNotNewer });
        var closed = Feed(builder, Trade("10:00:02", 1m));
        builder.Scan(At("10:00:30"), closed, 1);

        Feed(builder, Trade("10:00:10", 2m));

        Assert.Equal(0, builder.DuplicateTicks);
        Assert.Equal(2, builder.GetForming("R_100", M1)!.TickCount);
    }

    [Fact]
    public void Add_GapWithFillGapsOff_EmitsNoCandleForEmptyBuckets()
    {
        var builder = Create();

        var closed = Feed(builder, Trade("10:00:10", 100m), Trade("10:03:10", 103m));

        Assert.Equal([Candle("10:00", M1, 100m, 100m, 100m, 100m, 1m, 1)], closed.Select(c => c.Candle));
        Assert.Equal(0, builder.GapCandles);
    }

    [Fact]
    public void Add_GapWithFillGapsOn_EmitsFlatCandlesAtPreviousCloseAtTheClosingTick()
    {
        var builder = Create(new CandleBlockOptions { FillGaps = true });

        var closed = Feed(builder, Trade("10:00:10", 100m), Trade("10:00:20", 99m), Trade("10:03:10", 103m));

        Assert.Equal(
            [
                new ClosedCandle(Candle("10:00", M1, 100m, 100m, 99m, 99m, 2m, 2), 2),
                new ClosedCandle(Candle("10:01", M1, 99m, 99m, 99m, 99m, 0m, 0), 2),
                new ClosedCandle(Candle("10:02", M1, 99m, 99m, 99m, 99m, 0m, 0), 2),
            ],
            closed);
        Assert.All(closed.Skip(1), c => Assert.True(c.Candle.IsGapFill));
        Assert.Equal(2, builder.GapCandles);
        Assert.Equal(1, builder.CandlesClosed);
    }

    [Fact]
    public void Scan_GapWithFillGapsOn_FillsUpToTheHeartbeatThenContinuesOnData()
    {
        var builder = Create(new CandleBlockOptions { FillGaps = true });
        var closed = Feed(builder, Trade("10:00:10", 100m));

        builder.Scan(At("10:03:30"), closed, 1);
        var afterHeartbeat = closed.Select(c => c.Candle.OpenTime).ToList();
        var more = Feed(builder, Trade("10:04:10", 104m));

        Assert.Equal([At("10:00"), At("10:01"), At("10:02")], afterHeartbeat);
        Assert.Equal([new ClosedCandle(Candle("10:03", M1, 100m, 100m, 100m, 100m, 0m, 0), 0)], more);
    }

    [Fact]
    public void Scan_GapWithFillGapsOff_EmitsOnlyTheCandleWithTicks()
    {
        var builder = Create();
        var closed = Feed(builder, Trade("10:00:10", 100m));

        builder.Scan(At("10:03:30"), closed, 1);

        Assert.Equal([At("10:00")], closed.Select(c => c.Candle.OpenTime));
    }

    [Fact]
    public void FillGaps_BeforeFirstCandleOfSeries_FillsNothing()
    {
        var builder = Create(new CandleBlockOptions { FillGaps = true });
        var closed = new List<ClosedCandle>();
        builder.Scan(At("10:00:00"), closed, 0);

        Feed(builder, closed, Trade("10:05:10", 100m));
        builder.Scan(At("10:06:00"), closed, 1);

        Assert.Equal([At("10:05")], closed.Select(c => c.Candle.OpenTime));
    }

    [Fact]
    public void FillGaps_GapLongerThanLimit_FillsMostRecentBucketsAndCountsTheRest()
    {
        var builder = Create(new CandleBlockOptions { FillGaps = true, MaxGapFill = 2 });

        var closed = Feed(builder, Trade("10:00:10", 100m), Trade("10:06:10", 106m));

        Assert.Equal([At("10:00"), At("10:04"), At("10:05")], closed.Select(c => c.Candle.OpenTime));
        Assert.Equal(3, builder.GapCandlesSkipped);
        Assert.Equal(2, builder.GapCandles);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(20, 45)]
    [InlineData(16, 16)]
    [InlineData(500, 40)]
    public void GetHistory_MoreCandlesThanHistoryLength_KeepsTheMostRecentOldestFirst(int length, int candles)
    {
        var builder = Create(new CandleBlockOptions { HistoryLength = length });
        var ticks = Enumerable.Range(0, candles + 1).Select(i => Trade(At("10:00:05").AddMinutes(i), 100m + i)).ToArray();

        var closed = Feed(builder, ticks);

        var history = builder.GetHistory("R_100", M1);
        Assert.Equal(candles, closed.Count);
        Assert.Equal(closed.Select(c => c.Candle).TakeLast(length), history);
    }

    [Fact]
    public void Add_BatchPositions_EachCandleSitsJustBeforeTheTickThatClosedIt()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, M5] });

        var closed = Feed(
            builder,
            Trade("10:03:10", 1m),
            Trade("10:03:20", 2m),
            Trade("10:04:00", 3m),
            Trade("10:04:30", 4m),
            Trade("10:05:00", 5m));
        builder.Scan(At("10:06:00"), closed, 5);

        Assert.Equal(
            [(At("10:03"), M1, 2), (At("10:04"), M1, 4), (At("10:00"), M5, 4), (At("10:05"), M1, 5)],
            closed.Select(c => (c.Candle.OpenTime, c.Candle.Timeframe, c.Position)));
    }

    [Fact]
    public void Scan_SeveralSymbolsAndTimeframes_EmitsInCloseTimeOrderThenSymbolThenTimeframe()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, M5], FillGaps = true });
        var closed = Feed(builder, Trade("10:02:10", 1m, symbol: "B"), Trade("10:03:10", 2m, symbol: "A"));

        builder.Scan(At("10:06:00"), closed, 2);

        Assert.Equal(
            [
                ("B", M1, At("10:02")),
                ("B", M1, At("10:03")), ("A", M1, At("10:03")),
                ("B", M1, At("10:04")), ("B", M5, At("10:00")), ("A", M1, At("10:04")), ("A", M5, At("10:00")),
                ("B", M1, At("10:05")), ("A", M1, At("10:05")),
            ],
            closed.Select(c => (c.Candle.Symbol, c.Candle.Timeframe, c.Candle.OpenTime)));
        Assert.All(closed, c => Assert.Equal(2, c.Position));
    }

    [Fact]
    public void Add_InvalidTicks_AreCountedAndLeaveNoTrace()
    {
        var builder = Create();
        Tick[] bad =
        [
            default,
            Trade("10:00:01", 0m),
            Trade("10:00:01", -1m),
            Trade("10:00:01", 1m, size: -1m),
            Trade("10:00:01", 1m, symbol: ""),
            Trade(DateTimeOffset.UnixEpoch, 1m),
            Trade(DateTimeOffset.MaxValue.AddHours(-1), 1m),
        ];

        var closed = Feed(builder, bad);

        Assert.Empty(closed);
        Assert.Equal(bad.Length, builder.InvalidTicks);
        Assert.Equal(0, builder.TicksApplied);
        Assert.Equal(0, builder.GetStatistics().Symbols);
    }

    [Fact]
    public void Add_SizeThatWouldOverflowAVolume_CountedInvalidAndAppliedToNoTimeframe()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, H1] });
        var half = (decimal.MaxValue / 2) + 1m;

        // The second tick starts a new minute (its volume would fit) but would overflow the hour's volume.
        var closed = Feed(
            builder,
            Trade("10:00:01", 100m, size: half),
            Trade("10:01:01", 101m, size: half),
            Trade("10:01:02", 102m, size: 1m));

        Assert.Equal(1, builder.InvalidTicks);
        Assert.Equal(2, builder.TicksApplied);
        Assert.Equal(new ClosedCandle(Candle("10:00", M1, 100m, 100m, 100m, 100m, half, 1), 2), Assert.Single(closed));
        Assert.Equal(Candle("10:01", M1, 102m, 102m, 102m, 102m, 1m, 1, isClosed: false), builder.GetForming("R_100", M1));
        Assert.Equal(Candle("10:00", H1, 100m, 102m, 100m, 102m, half + 1m, 2, isClosed: false), builder.GetForming("R_100", H1));
    }

    [Fact]
    public void Add_NewSymbolAfterHeartbeat_FirstBucketsStayOpenUntilItsDataOrALaterHeartbeat()
    {
        var builder = Create();
        var closed = new List<ClosedCandle>();
        builder.Scan(At("10:01:30"), closed, 0);

        // A feed that joins late starts from history: its first buckets were never closed by anything.
        Feed(builder, closed, Trade("10:00:59", 1m, symbol: "NEW"), Trade("10:01:10", 2m, symbol: "NEW"));

        Assert.Equal(0, builder.LateTicks);
        var first = Assert.Single(closed);
        Assert.Equal((At("10:00:00"), 1m, 1), (first.Candle.OpenTime, first.Candle.Open, first.Candle.TickCount));
        Assert.Equal(2m, builder.GetForming("NEW", M1)!.Open);

        // A heartbeat not after the earlier one changes nothing; a later one closes the new symbol's bucket.
        closed.Clear();
        builder.Scan(At("10:01:30"), closed, 0);
        Assert.Empty(closed);
        builder.Scan(At("10:02:00"), closed, 0);
        Assert.Equal(At("10:01:00"), Assert.Single(closed).Candle.OpenTime);

        // From now on the clock protects it like any other symbol.
        Feed(builder, closed, Trade("10:01:59", 3m, symbol: "NEW"));
        Assert.Equal(1, builder.LateTicks);
    }

    [Fact]
    public void Add_LateAndOutOfOrderTicksAfterClose_NeverChangeOrReemitClosedCandles()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, M5], FillGaps = true });
        var ticks = RandomWalk(seed: 3, count: 4000, Day.AddHours(9), "A", "B", "C");

        var closed = Feed(builder, ticks);

        var keys = closed.Select(c => (c.Candle.Symbol, c.Candle.Timeframe, c.Candle.OpenTime)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(builder.LateTicks > 0);
        foreach (var symbol in new[] { "A", "B", "C" })
        {
            var emitted = closed.Where(c => c.Candle.Symbol == symbol && c.Candle.Timeframe == M1).Select(c => c.Candle);
            var history = builder.GetHistory(symbol, M1);
            Assert.Equal(emitted.TakeLast(history.Length), history);
            Assert.All(history, c => Assert.True(c.IsClosed));
            Assert.Equal(history.Select(c => c.OpenTime).Order(), history.Select(c => c.OpenTime));
        }
    }

    [Fact]
    public void Add_EveryTick_EndsInExactlyOneCounter()
    {
        var builder = Create(new CandleBlockOptions { DuplicatePolicy = DuplicateTickPolicy.DropNotNewer });
        var ticks = RandomWalk(seed: 9, count: 3000, Day.AddHours(1), "A", "B");

        Feed(builder, [.. ticks, default, Trade("10:00:00", -5m)]);

        var stats = builder.GetStatistics();
        Assert.Equal(ticks.Length + 2, stats.TicksReceived);
        Assert.Equal(stats.TicksReceived, stats.TicksApplied + stats.LateTicks + stats.DuplicateTicks + stats.InvalidTicks);
        Assert.True(stats.DuplicateTicks > 0);
        Assert.Equal(2, stats.InvalidTicks);
    }

    [Fact]
    public void Add_TicksThatCloseNoCandle_AllocateNothing()
    {
        var builder = Create(new CandleBlockOptions { Timeframes = [M1, M5, H1] });
        var symbolA = "A";
        var sameAsA = new string('A', 1);
        var symbolB = "B";
        var closed = new List<ClosedCandle>(16);
        var ticks = new Tick[1000];
        for (var i = 0; i < ticks.Length; i++)
        {
            // Symbols alternate in runs, one of them as two string instances, so every lookup path is taken.
            var symbol = (i / 10 % 3) switch { 0 => symbolA, 1 => sameAsA, _ => symbolB };
            ticks[i] = new Tick(symbol, At("10:00:00").AddMilliseconds(i * 50), 100m + (i % 7), 0.25m, "test");
        }

        Run(builder, ticks, closed);
        var allocated = Allocations.Fewest(() =>
        {
            builder = Create(new CandleBlockOptions { Timeframes = [M1, M5, H1] });
            builder.Add(in ticks[0], closed, 0);
            builder.Add(in ticks[20], closed, 0);
            return Allocations.Of(() => Run(builder, ticks, closed));
        });

        Assert.Empty(closed);
        Assert.Equal(0, allocated);
        Assert.Equal(1002, builder.TicksApplied);
        Assert.Equal(["A", "B"], builder.GetSymbols());
        Assert.Equal(671, builder.GetForming("A", M1)!.TickCount);

        static void Run(CandleBuilder builder, Tick[] ticks, List<ClosedCandle> closed)
        {
            for (var i = 0; i < ticks.Length; i++)
            {
                builder.Add(in ticks[i], closed, i);
            }
        }
    }

    [Fact]
    public void Add_SymbolsSharingALookupSlotAndCopiedStrings_EachSymbolKeepsItsOwnCandles()
    {
        // Same length, first and last character: the builder's symbol cache maps them to one slot.
        var builder = Create();
        string[] symbols = ["AXB", "AYB", new string(['A', 'X', 'B']), "AZB"];
        var ticks = new Tick[40];
        for (var i = 0; i < ticks.Length; i++)
        {
            var symbol = symbols[i % symbols.Length];
            ticks[i] = Trade(At("10:00:00").AddSeconds(i), symbol[1] switch { 'X' => 100m, 'Y' => 200m, _ => 300m } + i, symbol: symbol);
        }

        Feed(builder, ticks);

        Assert.Equal(["AXB", "AYB", "AZB"], builder.GetSymbols());
        Assert.Equal(Candle("10:00", M1, 100m, 138m, 100m, 138m, 20m, 20, isClosed: false) with { Symbol = "AXB" }, builder.GetForming("AXB", M1));
        Assert.Equal(Candle("10:00", M1, 201m, 237m, 201m, 237m, 10m, 10, isClosed: false) with { Symbol = "AYB" }, builder.GetForming("AYB", M1));
        Assert.Equal(Candle("10:00", M1, 303m, 339m, 303m, 339m, 10m, 10, isClosed: false) with { Symbol = "AZB" }, builder.GetForming("AZB", M1));
    }

    [Fact]
    public void GetForming_UnknownSymbol_ReturnsNullAndHistoryIsEmpty()
    {
        var builder = Create();

        Assert.Null(builder.GetForming("NONE", M1));
        Assert.Empty(builder.GetHistory("NONE", M1));
    }

    [Fact]
    public void GetHistory_TimeframeNotBuilt_ThrowsArgumentException()
    {
        var builder = Create();

        var ex = Assert.Throws<ArgumentException>(() => builder.GetHistory("R_100", M5));

        Assert.Equal("timeframe", ex.ParamName);
    }

    private static CandleBuilder Create(CandleBlockOptions? options = null) => new(options ?? new CandleBlockOptions());

    private static List<ClosedCandle> Feed(CandleBuilder builder, params Tick[] ticks)
    {
        var closed = new List<ClosedCandle>();
        Feed(builder, closed, ticks);
        return closed;
    }

    private static void Feed(CandleBuilder builder, List<ClosedCandle> closed, params Tick[] ticks)
    {
        for (var i = 0; i < ticks.Length; i++)
        {
            builder.Add(in ticks[i], closed, i);
        }
    }

    private static List<Candle> Series(List<ClosedCandle> closed, Timeframe timeframe, string symbol = "R_100") =>
        [.. closed.Select(c => c.Candle).Where(c => c.Timeframe == timeframe && c.Symbol == symbol)];

    private static Candle Candle(
        string openTime,
        Timeframe timeframe,
        decimal open,
        decimal high,
        decimal low,
        decimal close,
        decimal volume,
        int count,
        bool isClosed = true) =>
        new("R_100", timeframe, At(openTime), open, high, low, close, volume, count, isClosed);

    // One symbol, strictly increasing times with quiet stretches: the case a plain group-by describes exactly.
    private static Tick[] InOrderWalk(int seed, int count)
    {
        var random = new Random(seed);
        var time = At("09:00:00");
        var price = 500m;
        var ticks = new Tick[count];
        for (var i = 0; i < count; i++)
        {
            time += random.Next(100) < 3 ? TimeSpan.FromMinutes(random.Next(2, 9)) : TimeSpan.FromMilliseconds(random.Next(1, 9000));
            price = Math.Max(1m, price + (random.Next(-40, 41) * 0.05m));
            ticks[i] = Trade(time, price, random.Next(1, 9) * 0.1m);
        }

        return ticks;
    }
}
