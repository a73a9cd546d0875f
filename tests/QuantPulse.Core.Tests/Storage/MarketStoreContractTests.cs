using System.Data.Common;
using QuantPulse.Analytics;
using QuantPulse.Model;
using QuantPulse.Storage;
using static QuantPulse.Tests.Storage.StorageSamples;

namespace QuantPulse.Tests.Storage;

/// <summary>
/// What every <see cref="IMarketStore"/> must do, run against each backend: exact round trips, idempotent writes,
/// the closed-trade rule, restart behaviour, versioned migrations, the exact table layout and the statistics.
/// </summary>
public abstract partial class MarketStoreContractTests : IAsyncLifetime
{
    private IMarketStore? _store;

    protected IMarketStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await DeleteDatabaseAsync();
    }

    [Fact]
    public async Task Signals_SaveThenGet_RoundTripsEveryFieldExactly()
    {
        var signal = Signal("s1", at: T0.AddTicks(1234560)); // .123456 s: a whole microsecond

        Assert.Equal(1, await Store.Signals.SaveAsync([signal]));
        var read = await Store.Signals.GetAsync("s1");

        Assert.NotNull(read);
        Assert.Equal(signal.Timestamp, read.Timestamp);
        Assert.Equal(TimeSpan.Zero, read.Timestamp.Offset);
        Assert.Equal("1234.5600", read.Entry.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(signal.Confirmations, read.Confirmations);
        Assert.Equal(signal with { Confirmations = read.Confirmations }, read);
    }

    [Fact]
    public async Task Signals_SaveSameIdTwice_StoresOnce()
    {
        Assert.Equal(2, await Store.Signals.SaveAsync([Signal("s1"), Signal("s2", type: SignalType.Sell)]));

        Assert.Equal(1, await Store.Signals.SaveAsync([Signal("s2", type: SignalType.Sell), Signal("s3"), Signal("s3", type: SignalType.Sell)]));

        var all = await Store.Signals.GetRangeAsync(T0, T0.AddSeconds(1));
        Assert.Equal(["s1", "s2", "s3"], all.Select(s => s.Id));
        Assert.Equal(SignalType.Sell, all[1].Type);
        Assert.Equal(SignalType.Buy, all[2].Type);
        Assert.Null(await Store.Signals.GetAsync("missing"));
    }

    [Fact]
    public async Task Signals_GetRange_IsHalfOpenAndFiltersByAsset()
    {
        await Store.Signals.SaveAsync(
        [
            Signal("before", at: T0.AddTicks(-10)),
            Signal("first", at: T0),
            Signal("other", asset: "BTCUSDT", at: T0.AddMinutes(1)),
            Signal("last", at: T0.AddMinutes(2).AddTicks(-10)),
            Signal("end", at: T0.AddMinutes(2)),
        ]);

        var r100 = await Store.Signals.GetRangeAsync(T0, T0.AddMinutes(2), "R_100");
        var all = await Store.Signals.GetRangeAsync(T0, T0.AddMinutes(2));

        Assert.Equal(["first", "last"], r100.Select(s => s.Id));
        Assert.Equal(["first", "other", "last"], all.Select(s => s.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Signals.GetRangeAsync(T0, T0.AddTicks(-10)));
    }

    [Fact]
    public async Task GetRange_BoundsOneMicrosecondApart_CompareToTheMicrosecond()
    {
        var microsecond = TimeSpan.FromTicks(10);
        await Store.Signals.SaveAsync([Signal("a", at: T0), Signal("b", at: T0.AddMinutes(1))]);
        await Store.Trades.UpsertAsync([OpenTrade("x", at: T0.AddMinutes(1))]);
        await Store.Ticks.SaveAsync(new[] { Tick(T0.AddMinutes(1), 1m) });

        Assert.Equal(["a", "b"], (await Store.Signals.GetRangeAsync(T0, T0.AddMinutes(1) + microsecond)).Select(s => s.Id));
        Assert.Equal(["a"], (await Store.Signals.GetRangeAsync(T0, T0.AddMinutes(1))).Select(s => s.Id));
        Assert.Empty(await Store.Signals.GetRangeAsync(T0 + microsecond, T0.AddMinutes(1)));
        Assert.Single(await Store.Trades.GetRangeAsync(T0.AddMinutes(1), T0.AddMinutes(1) + microsecond));
        Assert.Single(await Store.Ticks.GetRangeAsync("R_100", T0.AddMinutes(1), T0.AddMinutes(1) + microsecond));
    }

    [Fact]
    public async Task Trades_UpsertOpenThenClose_ReadsTheClosedTrade()
    {
        var open = OpenTrade("t1");
        var closed = Closed(open, TradeResult.Win, TimeSpan.FromSeconds(93.5), 0.7378827, 1243.70m);

        await Store.Trades.UpsertAsync([open]);
        Assert.Equal(open, await Store.Trades.GetAsync("t1"));
        await Store.Trades.UpsertAsync([closed]);

        Assert.Equal(closed, await Store.Trades.GetAsync("t1"));
        Assert.Empty(await Store.Trades.GetOpenTradesAsync());
    }

    [Fact]
    public async Task Trades_UpsertOpenAfterClose_NeverReopensTheTrade()
    {
        var open = OpenTrade("t1", direction: SignalType.Sell);
        var closed = Closed(open, TradeResult.Loss, TimeSpan.FromMinutes(2), -0.36941, 1239.14m);

        await Store.Trades.UpsertAsync([closed]);
        await Store.Trades.UpsertAsync([open]);
        await Store.Trades.UpsertAsync([Closed(open, TradeResult.Win, TimeSpan.FromMinutes(9), 9.9, 1.00m)]);

        Assert.Equal(closed, await Store.Trades.GetAsync("t1"));
    }

    [Fact]
    public async Task Trades_EventsOfOneTradeInOneWrite_StoreWhatWritingThemInTurnStores()
    {
        var open = OpenTrade("t1");
        var win = Closed(open, TradeResult.Win, TimeSpan.FromSeconds(30), 0.5, 1240.00m);
        var loss = Closed(open, TradeResult.Loss, TimeSpan.FromMinutes(1), -0.25, 1230.00m);
        var other = OpenTrade("t2", asset: "R_50");

        await Store.Trades.UpsertAsync([open, other, win, open, loss]);

        Assert.Equal(win, await Store.Trades.GetAsync("t1"));
        Assert.Equal([other], await Store.Trades.GetOpenTradesAsync());
    }

    [Fact]
    public async Task Trades_CloseOfAStoredOpenTradeBesideNewTrades_ClosesItAndInsertsTheRest()
    {
        var open = OpenTrade("t1");
        var closed = Closed(open, TradeResult.Expired, TimeSpan.FromHours(1), 0.01, 1234.56m);
        var stored = Closed(OpenTrade("t0"), TradeResult.Win, TimeSpan.FromMinutes(3), 1.5, 1250.00m);
        await Store.Trades.UpsertAsync([open, stored]);
        var next = OpenTrade("t2", at: T0.AddMinutes(2));
        var nextClosed = Closed(next, TradeResult.Loss, TimeSpan.FromMinutes(4), -0.5, 1220.00m);

        await Store.Trades.UpsertAsync([closed, Closed(stored, TradeResult.Loss, TimeSpan.FromMinutes(9), -9, 1.00m), next, nextClosed]);

        Assert.Equal(closed, await Store.Trades.GetAsync("t1"));
        Assert.Equal(stored, await Store.Trades.GetAsync("t0"));
        Assert.Equal(nextClosed, await Store.Trades.GetAsync("t2"));
        Assert.Empty(await Store.Trades.GetOpenTradesAsync());
    }

    [Fact]
    public async Task Trades_Direction_IsDerivedFromTheTakeProfitSide()
    {
        await Store.Trades.UpsertAsync([OpenTrade("long", direction: SignalType.Buy), OpenTrade("short", direction: SignalType.Sell)]);

        Assert.Equal(SignalType.Buy, (await Store.Trades.GetAsync("long"))!.Direction);
        Assert.Equal(SignalType.Sell, (await Store.Trades.GetAsync("short"))!.Direction);
    }

    [Fact]
    public async Task Trades_GetOpenTrades_AfterReopeningTheStore_ReturnsOnlyOpenTradesOldestFirst()
    {
        var a = OpenTrade("a", at: T0.AddMinutes(2));
        var b = OpenTrade("b", asset: "BTCUSDT", at: T0);
        var c = OpenTrade("c", at: T0.AddMinutes(1));
        await Store.Trades.UpsertAsync([a, b, c, Closed(c, TradeResult.Expired, TimeSpan.FromMinutes(5), 0.01, 1234.69m)]);

        var reopened = await ReopenAsync();

        Assert.Equal([b, a], await reopened.Trades.GetOpenTradesAsync());
    }

    [Fact]
    public async Task Trades_GetRange_SelectsByOpenTimeAndAsset()
    {
        await Store.Trades.UpsertAsync([OpenTrade("x", at: T0), OpenTrade("y", asset: "BTCUSDT", at: T0.AddSeconds(1)), OpenTrade("z", at: T0.AddSeconds(2))]);

        Assert.Equal(["x", "y"], (await Store.Trades.GetRangeAsync(T0, T0.AddSeconds(2))).Select(t => t.Id));
        Assert.Equal(["x", "z"], (await Store.Trades.GetRangeAsync(T0, T0.AddSeconds(3), "R_100")).Select(t => t.Id));
    }

    [Fact]
    public async Task Candles_SaveAgainAfterReopening_WritesNothingTwice()
    {
        var first = Enumerable.Range(0, 5).Select(i => Candle(T0.AddMinutes(i))).ToList();
        Assert.Equal(5, await Store.Candles.SaveAsync(first));

        var reopened = await ReopenAsync();
        var overlapping = Enumerable.Range(3, 4).Select(i => Candle(T0.AddMinutes(i), open: 999m)).ToList();

        Assert.Equal(2, await reopened.Candles.SaveAsync(overlapping));
        var stored = await reopened.Candles.GetRangeAsync("R_100", Timeframe.OneMinute, T0, T0.AddHours(1));
        Assert.Equal([.. first, .. overlapping.Skip(2)], stored);
    }

    [Fact]
    public async Task Candles_GetRangeAndLatest_AreBySeriesAndHalfOpen()
    {
        await Store.Candles.SaveAsync(
        [
            Candle(T0), Candle(T0.AddMinutes(1)), Candle(T0.AddMinutes(2)),
            Candle(T0, timeframe: Timeframe.FiveMinutes), Candle(T0.AddMinutes(5), symbol: "BTCUSDT"),
        ]);

        var range = await Store.Candles.GetRangeAsync("R_100", Timeframe.OneMinute, T0.AddMinutes(1), T0.AddMinutes(2));

        Assert.Equal([Candle(T0.AddMinutes(1))], range);
        Assert.Equal(Candle(T0.AddMinutes(2)), await Store.Candles.GetLatestAsync("R_100", Timeframe.OneMinute));
        Assert.Equal(Candle(T0, timeframe: Timeframe.FiveMinutes), await Store.Candles.GetLatestAsync("R_100", Timeframe.FiveMinutes));
        Assert.Null(await Store.Candles.GetLatestAsync("R_100", Timeframe.OneHour));
    }

    [Fact]
    public async Task Candles_SaveWithSource_ListsOnlyThatSourcesSymbolsAfterReopening()
    {
        await Store.Candles.SaveAsync([Candle(T0), Candle(T0, symbol: "BTCUSDT")]);
        Assert.Equal(2, await Store.Candles.SaveAsync([Candle(T0, symbol: "UP_B"), Candle(T0.AddMinutes(1), symbol: "UP_B")], CandleUpload.Source));
        Assert.Equal(1, await Store.Candles.SaveAsync([Candle(T0, symbol: "UP_A"), Candle(T0, symbol: "UP_B")], CandleUpload.Source));

        await using var reopened = await OpenAsync();

        Assert.Equal(["UP_A", "UP_B"], await reopened.Candles.GetSymbolsAsync(CandleUpload.Source));
        Assert.Empty(await reopened.Candles.GetSymbolsAsync("elsewhere"));
        Assert.Equal([Candle(T0, symbol: "UP_B"), Candle(T0.AddMinutes(1), symbol: "UP_B")], await reopened.Candles.GetRangeAsync("UP_B", Timeframe.OneMinute, T0, T0.AddHours(1)));
        Assert.Equal("2|upload", await ReadScalarTextAsync("SELECT COUNT(*) || '|' || MIN(source) FROM candles WHERE source IS NOT NULL AND symbol = 'UP_B'"));
        Assert.Equal("2", await ReadScalarTextAsync("SELECT COUNT(*) FROM candles WHERE source IS NULL"));
    }

    [Fact]
    public async Task Candles_SaveFormingCandle_IsRejected()
    {
        var forming = Candle(T0) with { IsClosed = false };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Candles.SaveAsync([Candle(T0.AddMinutes(1)), forming]));
        Assert.Empty(await Store.Candles.GetRangeAsync("R_100", Timeframe.OneMinute, T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task Ticks_SaveThenGetRange_RoundTripsInTimeOrder()
    {
        Tick[] ticks =
        [
            Tick(T0, 100.5m), Tick(T0.AddMilliseconds(1.5), 100.25m, size: 0m),
            Tick(T0.AddSeconds(1), 7m, symbol: "BTCUSDT"), Tick(T0.AddSeconds(2), 101.000m),
        ];

        await Store.Ticks.SaveAsync(ticks);
        await Store.Ticks.SaveAsync(ReadOnlyMemory<Tick>.Empty);

        Assert.Equal([ticks[0], ticks[1]], await Store.Ticks.GetRangeAsync("R_100", T0, T0.AddSeconds(2)));
        Assert.Equal([ticks[2]], await Store.Ticks.GetRangeAsync("BTCUSDT", T0, T0.AddSeconds(2)));
    }

    [Fact]
    public async Task Ticks_SaveSameBatchAgain_KeepsEveryTickOnceIncludingTicksAtOneInstant()
    {
        Tick[] ticks = [Tick(T0, 1m), Tick(T0, 2m), Tick(T0.AddTicks(3), 3m), Tick(T0, 4m, symbol: "BTCUSDT"), Tick(T0.AddSeconds(1), 5m)];

        await Store.Ticks.SaveAsync(ticks);
        await Store.Ticks.SaveAsync(ticks);

        var read = await Store.Ticks.GetRangeAsync("R_100", T0, T0.AddSeconds(2));
        Assert.Equal([1m, 2m, 3m, 5m], read.Select(t => t.Price).Order());
        Assert.Single(await Store.Ticks.GetRangeAsync("BTCUSDT", T0, T0.AddSeconds(2)));
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("1.5000000000")]
    [InlineData("123456789012345.1234567890123")]
    [InlineData("0")]
    public async Task Decimals_AnyValueAndScale_ReadBackEqualWithTheSameDigits(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var tick = Tick(T0, value, size: value);
        var candle = new Candle("R_100", Timeframe.OneMinute, T0, value, value, value, value, value, 1, IsClosed: true);

        await Store.Ticks.SaveAsync(new[] { tick });
        await Store.Candles.SaveAsync([candle]);

        var readTick = Assert.Single(await Store.Ticks.GetRangeAsync("R_100", T0, T0.AddSeconds(1)));
        var readCandle = Assert.Single(await Store.Candles.GetRangeAsync("R_100", Timeframe.OneMinute, T0, T0.AddSeconds(1)));
        Assert.Equal(text, readTick.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(text, readTick.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(text, readCandle.Volume.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(candle, readCandle);
    }

    [Fact]
    public async Task Times_OffsetAndSubMicrosecondTicks_AreStoredAsUtcMicroseconds()
    {
        var local = new DateTimeOffset(2024, 3, 4, 11, 30, 0, TimeSpan.FromHours(2)).AddTicks(1234567); // 09:30:00.1234567Z
        await Store.Ticks.SaveAsync(new[] { Tick(local, 1m), Tick(T0.AddYears(-40), 2m), Tick(T0.AddYears(70).AddTicks(9), 3m) });

        var read = await Store.Ticks.GetRangeAsync("R_100", DateTimeOffset.UnixEpoch, T0.AddYears(100));

        Assert.Equal(
            [T0.AddYears(-40), new DateTimeOffset(2024, 3, 4, 9, 30, 0, TimeSpan.Zero).AddTicks(1234560), T0.AddYears(70)],
            read.Select(t => t.Time));
        Assert.All(read, t => Assert.Equal(TimeSpan.Zero, t.Time.Offset));
        Assert.Equal(StorageTime.Truncate(local), read[1].Time);
    }

    [Fact]
    public async Task Migrations_OpeningAgain_AppliesNothingAndRecordsEachVersionOnce()
    {
        var before = await ReadSchemaVersionsAsync();
        await Store.Signals.SaveAsync([Signal("kept")]);

        await using (await OpenAsync())
        {
        }

        await using var again = await OpenAsync();
        var after = await ReadSchemaVersionsAsync();
        Assert.Equal(SchemaVersions, before);
        Assert.Equal(before, after);
        Assert.NotNull(await again.Signals.GetAsync("kept"));
    }

    [Fact]
    public async Task Schema_Tables_HaveExactlyTheDocumentedColumns()
    {
        Assert.Equal(
            ["id", "asset", "timestamp", "type", "confidence", "entry_price", "stop_loss", "take_profit", "rr_ratio", "strategy", "confirmations", "run_id", "run_scope"],
            await ReadColumnsAsync("signals"));
        Assert.Equal(
            ["id", "signal_id", "asset", "entry_price", "stop_loss", "take_profit", "open_time", "close_time", "result", "duration_seconds", "movement_percentage", "close_price", "run_id", "run_scope"],
            await ReadColumnsAsync("trades"));
        Assert.Equal(["symbol", "timeframe", "open_time", "open", "high", "low", "close", "volume", "ticks", "source"], await ReadColumnsAsync("candles"));
        Assert.Equal(["symbol", "time", "price", "size", "source", "seq"], await ReadColumnsAsync("ticks"));
        Assert.Equal(["id", "started", "finished", "command", "parameters", "input", "status"], await ReadColumnsAsync("runs"));
    }

    [Fact]
    public async Task ForRun_TwoOwnScopesWithTheSameIds_KeepEachRunsRowsApart()
    {
        // Two back-tests over the same ticks with other settings: the same IDs, other values.
        var first = Store.ForRun("bt-first", RunScope.Own);
        var second = Store.ForRun("bt-second", RunScope.Own);
        await first.Signals.SaveAsync([Signal("s1")]);
        await first.Trades.UpsertAsync([OpenTrade("t1", signalId: "s1")]);
        await second.Signals.SaveAsync([Signal("s1", strategy: "utbot")]);
        await second.Trades.UpsertAsync([Closed(OpenTrade("t1", signalId: "s1"), TradeResult.Win, TimeSpan.FromMinutes(1), 1.0, 1243.69m)]);

        Assert.Equal("ema-rsi", (await first.Signals.GetAsync("s1"))!.Strategy);
        Assert.Equal("utbot", (await second.Signals.GetAsync("s1"))!.Strategy);
        Assert.True((await first.Trades.GetAsync("t1"))!.IsOpen);
        Assert.Equal(TradeResult.Win, (await second.Trades.GetAsync("t1"))!.Result);
        Assert.Single(await first.Trades.GetOpenTradesAsync());
        Assert.Null(await Store.Signals.GetAsync("s1")); // the shared scope holds neither
        Assert.Empty(await Store.Trades.GetOpenTradesAsync());
        Assert.Equal("bt-first,bt-second", await ReadScalarTextAsync("SELECT MIN(run_id) || ',' || MAX(run_id) FROM signals"));
    }

    [Fact]
    public async Task ForRun_SharedScope_ALaterStartReloadsAndClosesAnEarlierStartsTrade()
    {
        var start1 = Store.ForRun("live-1", RunScope.Shared);
        var start2 = Store.ForRun("live-2", RunScope.Shared);
        await start1.Signals.SaveAsync([Signal("s1")]);
        await start1.Trades.UpsertAsync([OpenTrade("t1", signalId: "s1")]);

        var reloaded = Assert.Single(await start2.Trades.GetOpenTradesAsync());
        Assert.Equal(0, await start2.Signals.SaveAsync([Signal("s1")])); // replayed: stored once
        await start2.Trades.UpsertAsync([Closed(reloaded, TradeResult.Loss, TimeSpan.FromMinutes(2), -0.5, 1230.01m)]);

        Assert.Equal(TradeResult.Loss, (await Store.Trades.GetAsync("t1"))!.Result);
        Assert.Equal("live-1", await ReadScalarTextAsync("SELECT run_id FROM trades WHERE id = 't1'")); // attributed to the start that opened it
        Assert.Equal("1", await ReadScalarTextAsync("SELECT COUNT(*) FROM trades"));
    }

    [Fact]
    public async Task Runs_StartFinishAndRemoveOwnRows_RecordTheRunAndLeaveOtherRunsAlone()
    {
        var started = new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero);
        var run = new RunRecord("bt-1", started, "backtest", "strategy utbot on 1m", "ticks.csv", RunStatus.Running);
        await Store.Runs.StartAsync(run);
        await Store.Runs.StartAsync(new RunRecord("live-1", started.AddHours(1), "live", "{}", null, RunStatus.Running));
        await Store.ForRun("bt-1", RunScope.Own).Signals.SaveAsync([Signal("s1")]);
        await Store.ForRun("bt-1", RunScope.Own).Trades.UpsertAsync([OpenTrade("t1", signalId: "s1")]);
        await Store.ForRun("live-1", RunScope.Shared).Trades.UpsertAsync([OpenTrade("t1", signalId: "s1")]);

        Assert.Equal(2, await Store.Runs.RemoveOwnRowsAsync("bt-1"));
        Assert.True(await Store.Runs.FinishAsync("bt-1", RunStatus.Failed, started.AddMinutes(1)));
        Assert.False(await Store.Runs.FinishAsync("nobody", RunStatus.Failed, started));

        Assert.Equal(run with { Status = RunStatus.Failed, Finished = started.AddMinutes(1) }, await Store.Runs.GetAsync("bt-1"));
        Assert.Equal(["bt-1", "live-1"], (await Store.Runs.GetAllAsync()).Select(r => r.Id));
        Assert.Null(await Store.ForRun("bt-1", RunScope.Own).Trades.GetAsync("t1"));
        Assert.NotNull(await Store.Trades.GetAsync("t1"));

        // Started again (a re-run of the same run): running, not finished.
        await Store.Runs.StartAsync(run);
        Assert.Equal(run, await Store.Runs.GetAsync("bt-1"));
    }

    [Fact]
    public void ForRun_InvalidRunId_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Store.ForRun("", RunScope.Own));
        Assert.Throws<ArgumentException>(() => Store.ForRun("has space", RunScope.Own));
        Assert.Throws<ArgumentException>(() => Store.ForRun(new string('a', 65), RunScope.Shared));
    }

    [Fact]
    public async Task Statistics_OfAnOwnScope_CoverOnlyThatRunsTrades()
    {
        await SeedStatisticsAsync();
        var run = Store.ForRun("bt-1", RunScope.Own);
        await run.Signals.SaveAsync([Signal("sig-a1")]);
        await run.Trades.UpsertAsync([Closed(OpenTrade("a1", at: T0), TradeResult.Loss, TimeSpan.FromSeconds(60), -1.0, 1230.01m)]);

        var stats = await run.Statistics.GetTradeStatisticsAsync(new TradeStatisticsQuery(T0, T0.AddDays(1)));

        Assert.Equal((1L, 1L), (stats.Overall.Total, stats.Overall.Losses));
    }

    [Fact]
    public async Task Signals_Confirmations_AreStoredAsJsonArrayOfNameAgreesDetail()
    {
        await Store.Signals.SaveAsync([Signal("s1") with { Confirmations = [new SignalConfirmation("rsi_side", false, "rsi=42")] }]);

        var json = await ReadScalarTextAsync("SELECT confirmations FROM signals WHERE id = 's1'");

        Assert.Equal("""[{"name":"rsi_side","agrees":false,"detail":"rsi=42"}]""", json.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Statistics_MixedTrades_MatchHandComputedFigures()
    {
        await SeedStatisticsAsync();

        var stats = await Store.Statistics.GetTradeStatisticsAsync(new TradeStatisticsQuery(T0, T0.AddHours(15)));

        AssertSummary(stats.Overall, total: 6, open: 1, wins: 2, losses: 2, expired: 1, 2.25 / 5, 0.25, 600.0 / 5);
        Assert.Equal(0.4, stats.Overall.WinRate);
        Assert.Equal(["BTCUSDT", "R_100"], stats.ByAsset.Select(g => g.Key));
        AssertSummary(stats.ByAsset[0].Summary, 3, 1, 1, 1, 0, 0.5, 0.5, 60);
        AssertSummary(stats.ByAsset[1].Summary, 3, 0, 1, 1, 1, 1.25 / 3, 0.25, 160);
        Assert.Equal(["", "ema-rsi", "utbot"], stats.ByStrategy.Select(g => g.Key));
        AssertSummary(stats.ByStrategy[0].Summary, 1, 0, 0, 1, 0, -1.0, -1.0, 90);
        AssertSummary(stats.ByStrategy[1].Summary, 2, 0, 1, 1, 0, 0.5, 0.5, 90);
        AssertSummary(stats.ByStrategy[2].Summary, 3, 1, 1, 0, 1, 1.125, 1.125, 165);
        Assert.Equal([9, 10, 23], stats.ByHour.Select(g => g.Key));
        AssertSummary(stats.ByHour[0].Summary, 2, 0, 1, 1, 0, 0.5, 0.5, 90);
        AssertSummary(stats.ByHour[1].Summary, 3, 1, 1, 0, 1, 1.125, 1.125, 165);
        AssertSummary(stats.ByHour[2].Summary, 1, 0, 0, 1, 0, -1.0, -1.0, 90);
    }

    [Fact]
    public async Task Statistics_FilteredByAssetAndStrategy_CoverOnlyThoseTrades()
    {
        await SeedStatisticsAsync();

        var r100 = await Store.Statistics.GetTradeStatisticsAsync(new TradeStatisticsQuery(T0, T0.AddHours(15)) { Asset = "R_100", Strategy = "ema-rsi" });
        var utbot = await Store.Statistics.GetTradeStatisticsAsync(new TradeStatisticsQuery(T0, T0.AddHours(15)) { Strategy = "utbot" });

        AssertSummary(r100.Overall, 2, 0, 1, 1, 0, 0.5, 0.5, 90);
        Assert.Equal(0.5, r100.Overall.WinRate);
        AssertSummary(utbot.Overall, 3, 1, 1, 0, 1, 1.125, 1.125, 165);
        Assert.Equal(["BTCUSDT", "R_100"], utbot.ByAsset.Select(g => g.Key));
    }

    [Fact]
    public async Task Statistics_EmptyRange_IsEmpty()
    {
        await SeedStatisticsAsync();

        var stats = await Store.Statistics.GetTradeStatisticsAsync(new TradeStatisticsQuery(T0.AddDays(1), T0.AddDays(2)));

        Assert.Equal(TradeStatisticsSummary.Empty, stats.Overall);
        Assert.Null(stats.Overall.WinRate);
        Assert.Empty(stats.ByAsset);
        Assert.Empty(stats.ByStrategy);
        Assert.Empty(stats.ByHour);
    }

    /// <summary>Creates the empty database a test uses (a fresh file or server database).</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Opens a store on the test's database (creating the schema on first use).</summary>
    protected abstract Task<IMarketStore> OpenAsync();

    /// <summary>Removes the test's database.</summary>
    protected abstract Task DeleteDatabaseAsync();

    /// <summary>Opens a plain connection to the test's database, outside the store.</summary>
    protected abstract Task<DbConnection> ConnectAsync();

    /// <summary>A query of the column names of the table named by parameter <c>@t</c>, in table order.</summary>
    protected abstract string ColumnsQuery { get; }

    /// <summary>The rows <c>schema_version</c> holds once the store is open: the versions this backend's scripts carry.</summary>
    protected virtual IReadOnlyList<(int Version, string Name)> SchemaVersions { get; } =
        [(1, "initial"), (2, "runs"), (3, "tick_key"), (4, "alerts"), (5, "trading"), (8, "candle_source")];

    /// <summary>The rows of <c>schema_version</c>, by version.</summary>
    protected async Task<IReadOnlyList<(int Version, string Name)>> ReadSchemaVersionsAsync() =>
        await QueryAsync("SELECT version, name FROM schema_version ORDER BY version", null, r => (r.GetInt32(0), r.GetString(1)));

    /// <summary>The column names of <paramref name="table"/>, in table order.</summary>
    protected Task<IReadOnlyList<string>> ReadColumnsAsync(string table) => QueryAsync(ColumnsQuery, table, r => r.GetString(0));

    /// <summary>Runs a statement that returns one value, as text.</summary>
    protected async Task<string> ReadScalarTextAsync(string sql) =>
        Convert.ToString((await QueryAsync(sql, null, r => r.GetValue(0)))[0], System.Globalization.CultureInfo.InvariantCulture)!;

    /// <summary>Closes the store, as a stopped process would, and opens it again.</summary>
    protected async Task<IMarketStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = await OpenAsync();
        return _store;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, string? table, Func<DbDataReader, T> map)
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (table is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "t";
            parameter.Value = table;
            command.Parameters.Add(parameter);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static void AssertSummary(
        TradeStatisticsSummary actual, long total, long open, long wins, long losses, long expired, double average, double median, double duration)
    {
        Assert.Equal(new TradeStatisticsSummary(total, open, wins, losses, expired, average, median, duration), actual);
    }

    // Hand-computed in the tests above: six trades in range, one just before it and one at its (excluded) end.
    private async Task SeedStatisticsAsync()
    {
        await Store.Signals.SaveAsync(
        [
            Signal("sig-a1"), Signal("sig-a2"), Signal("sig-a3", strategy: "utbot"),
            Signal("sig-a4", asset: "BTCUSDT", strategy: "utbot"), Signal("sig-a5", asset: "BTCUSDT", strategy: "utbot"),
            Signal("sig-a7"), Signal("sig-a8"),
        ]);
        var a3Open = new DateTimeOffset(2024, 3, 4, 12, 10, 0, TimeSpan.FromHours(2)); // 10:10 UTC
        await Store.Trades.UpsertAsync(
        [
            Closed(OpenTrade("a1", at: T0), TradeResult.Win, TimeSpan.FromSeconds(60), 1.5, 1243.69m),
            Closed(OpenTrade("a2", at: T0.AddMinutes(15)), TradeResult.Loss, TimeSpan.FromSeconds(120), -0.5, 1230.01m),
            Closed(OpenTrade("a3", at: a3Open), TradeResult.Expired, TimeSpan.FromSeconds(300), 0.25, 1237.66m),
            Closed(OpenTrade("a4", asset: "BTCUSDT", at: T0.AddMinutes(50)), TradeResult.Win, TimeSpan.FromSeconds(30), 2.0, 1243.69m),
            OpenTrade("a5", asset: "BTCUSDT", at: T0.AddMinutes(70)),
            Closed(OpenTrade("a6", asset: "BTCUSDT", at: new DateTimeOffset(2024, 3, 4, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990)), TradeResult.Loss, TimeSpan.FromSeconds(90), -1.0, 1230.01m),
            Closed(OpenTrade("a7", at: T0.AddTicks(-10)), TradeResult.Win, TimeSpan.FromSeconds(5), 50, 1243.69m),
            Closed(OpenTrade("a8", at: T0.AddHours(15)), TradeResult.Win, TimeSpan.FromSeconds(5), 50, 1243.69m),
        ]);
    }
}
