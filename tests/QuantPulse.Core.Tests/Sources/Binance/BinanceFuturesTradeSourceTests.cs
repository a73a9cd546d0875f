using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Binance;
using QuantPulse.Tests.Testing;
using Xunit.Abstractions;
using static QuantPulse.Tests.Sources.Binance.FakeBinanceServer;

namespace QuantPulse.Tests.Sources.Binance;

public sealed class BinanceFuturesTradeSourceTests(ITestOutputHelper output) : LiveTickSourceContractTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    private BinanceFuturesTradeSource Source(FakeBinanceServer server, ManualTimeProvider clock, string[]? symbols = null, int restPageSize = 1000,
        int maxPages = 50, TimeSpan? stallTimeout = null, int bufferCapacity = 16_384, ReconnectOptions? reconnect = null,
        Microsoft.Extensions.Logging.ILogger<BinanceFuturesTradeSource>? logger = null) =>
        new(
            new BinanceSourceOptions
            {
                Symbols = symbols ?? Symbols,
                StreamEndpoint = server.StreamEndpoint,
                RestEndpoint = server.RestEndpoint,
                RestPageSize = restPageSize,
                MaxBackfillPages = maxPages,
                StallTimeout = stallTimeout ?? Timeout.InfiniteTimeSpan,
                BufferCapacity = bufferCapacity,
                Reconnect = reconnect ?? new ReconnectOptions { JitterFactor = 0 },
            },
            clock,
            logger ?? new XunitLogger<BinanceFuturesTradeSource>(output));

    /// <summary>What a reader must see for the trades of the given steps, per symbol.</summary>
    private static Dictionary<string, List<(DateTimeOffset, decimal, decimal, AggressorSide)>> Expected(Dictionary<string, FakeBinanceServer.Trade[]> market, Func<int, bool> step) =>
        market.ToDictionary(
            m => m.Key,
            m => m.Value.Where(t => step(t.Step)).Select(t => (
                DateTimeOffset.FromUnixTimeMilliseconds(t.Time),
                decimal.Parse(t.Price, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(t.Quantity, System.Globalization.CultureInfo.InvariantCulture),
                t.BuyerIsMaker ? AggressorSide.Sell : AggressorSide.Buy)).ToList());

    private static Dictionary<string, List<(DateTimeOffset, decimal, decimal, AggressorSide)>> Actual(IEnumerable<Tick> ticks) =>
        ticks.GroupBy(t => t.Symbol).ToDictionary(g => g.Key, g => g.Select(t => (t.Time, t.Price, t.Size, t.Side)).ToList());

    private static void AssertSame(
        Dictionary<string, List<(DateTimeOffset, decimal, decimal, AggressorSide)>> expected,
        Dictionary<string, List<(DateTimeOffset, decimal, decimal, AggressorSide)>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var symbol in expected.Keys)
        {
            Assert.Equal(expected[symbol], actual[symbol]);
        }
    }

    private static List<Tick> Ticks(Dictionary<string, FakeBinanceServer.Trade[]> market) =>
        [.. market.SelectMany(m => m.Value.Select(t => new Tick(
            m.Key,
            DateTimeOffset.FromUnixTimeMilliseconds(t.Time),
            decimal.Parse(t.Price, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(t.Quantity, System.Globalization.CultureInfo.InvariantCulture),
            TickSources.Binance) { Side = t.BuyerIsMaker ? AggressorSide.Sell : AggressorSide.Buy }))];

    private async Task<(List<Tick> Ticks, LiveSourceStatistics Connection)> RunAsync(int steps, int restPageSize, params Disruption[] disruptions)
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, steps, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        foreach (var disruption in disruptions)
        {
            server.Add(disruption);
        }

        await using var source = Source(server, clock, restPageSize: restPageSize);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
        var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length), t => server.ReportYielded(t.Count));

        Assert.Equal(disruptions.Count(d => d.Kind is DisruptionKind.Close or DisruptionKind.Abort), watcher.RetryDelays.Count);
        AssertSame(Expected(market, _ => true), Actual(ticks));
        if (disruptions.Length > 0)
        {
            Assert.NotEmpty(server.RestRequests);
            Assert.Contains(server.RestRequests, r => r.Contains("fromId=", StringComparison.Ordinal));
        }

        return (ticks, source.ConnectionStatistics);
    }

    protected override async Task<DisconnectRun> RunWithDisconnectsAsync()
    {
        var (uninterrupted, _) = await RunAsync(600, 1000);
        Disruption[] disruptions =
        [
            new(90, DisruptionKind.Close, MissedSteps: 40),
            new(200, DisruptionKind.Abort, MissedSteps: 3, AfterYielded: 150),
            new(330, DisruptionKind.Close, MissedSteps: 0),
            new(450, DisruptionKind.Abort, MissedSteps: 70, AfterYielded: 380),
        ];
        var (disrupted, connection) = await RunAsync(600, restPageSize: 10, disruptions);

        // A lower bound: the trades of the steps strictly inside each gap.
        var missed = Market(new ManualTimeProvider(), 600, Symbols).Values
            .Sum(trades => trades.Count(t => disruptions.Any(d => t.Step > d.AtStep && t.Step < d.AtStep + d.MissedSteps)));
        return new DisconnectRun(uninterrupted, disrupted, connection, disruptions.Length, missed);
    }

    protected override async Task<WatermarkTrace> TraceWatermarkAsync()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 40, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.StopAt(30);
        await using var source = Source(server, clock);
        var last = market.Values.Min(trades => DateTimeOffset.FromUnixTimeMilliseconds(trades.Last(t => t.Step < 30).Time));
        return await TraceThroughDropAsync(source, clock, market.Values.Sum(trades => trades.Count(t => t.Step < 30)), server.DropAll, last);
    }

    [Fact]
    public async Task ReadAsync_WhenTheConnectionReachesItsLifetime_SwitchesToANewOneWithoutAGap()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 3000, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.StopAt(200);
        await using var source = Source(server, clock);
        using var watcher = new StatusWatcher(source);
        var all = market.Values.Sum(t => t.Length);
        var expectedBefore = market.Values.Sum(t => t.Count(x => x.Step < 200));
        using var stop = new CancellationTokenSource();
        var reading = TickStreams.DrainAsync(source, stop.Token);
        await Eventually.TrueAsync(() => source.Statistics.Accepted == expectedBefore, "the first 200 steps arrived");

        // The market runs on through the switch: some steps reach only the old connection, some both, some only the new.
        clock.Advance(TimeSpan.FromHours(23) - TimeSpan.FromSeconds(1));
        Assert.Single(server.ConnectionAttempts);
        server.StopAt(int.MaxValue);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => source.Statistics.Accepted == all, "every trade arrived");
        await Eventually.TrueAsync(() => server.ClientCloses == 1, "the venue saw the old connection closed by the client");
        await stop.CancelAsync();
        var ticks = await reading;

        AssertSame(Expected(market, _ => true), Actual(ticks));
        Assert.Equal(1, source.ConnectionStatistics.Rotations);
        Assert.Equal(0, source.ConnectionStatistics.ConnectionsLost);
        Assert.Equal(2, server.ConnectionAttempts.Count);

        // The new connection was asked for before the old one was closed.
        Assert.Equal(["request", "request", "client-close"], server.Events.Take(3));
        Assert.DoesNotContain(watcher.Statuses, s => s.State == ConnectionState.Reconnecting);
    }

    [Fact]
    public async Task ReadAsync_WhenTheReplacementConnectionIsRefused_KeepsTheOldOneAndTriesAgain()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 400, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.StopAt(100);
        var logger = new CapturingLogger<BinanceFuturesTradeSource>();
        await using var source = Source(server, clock, logger: logger, reconnect: new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(10), JitterFactor = 0 });
        using var watcher = new StatusWatcher(source);
        using var stop = new CancellationTokenSource();
        var reading = TickStreams.DrainAsync(source, stop.Token);
        await Eventually.TrueAsync(() => source.Statistics.Accepted == market.Values.Sum(t => t.Count(x => x.Step < 100)), "the first steps arrived");

        server.RefuseNext(1);
        clock.Advance(TimeSpan.FromHours(23));
        await Eventually.TrueAsync(() => logger.Count(4014) == 1, "the failed switch was reported");
        server.StopAt(250);
        await Eventually.TrueAsync(() => source.Statistics.Accepted == market.Values.Sum(t => t.Count(x => x.Step < 250)), "the old connection kept streaming");
        Assert.Equal(0, source.ConnectionStatistics.Rotations);

        clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => source.ConnectionStatistics.Rotations == 1, "the second try switched");
        server.StopAt(int.MaxValue);
        await Eventually.TrueAsync(() => source.Statistics.Accepted == market.Values.Sum(t => t.Length), "every trade arrived");
        await stop.CancelAsync();

        AssertSame(Expected(market, _ => true), Actual(await reading));
        Assert.Equal(3, server.ConnectionAttempts.Count);
        Assert.Equal(0, source.ConnectionStatistics.ConnectionsLost);
        Assert.DoesNotContain(watcher.Statuses, s => s.State == ConnectionState.Reconnecting);
    }

    [Fact]
    public void Options_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinanceSourceOptions { Symbols = [.. Enumerable.Range(0, 201).Select(i => $"S{i}USDT")] });
        Assert.Throws<ArgumentException>(() => new BinanceSourceOptions { Symbols = ["BTCUSDT", "btcusdt"] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinanceSourceOptions { Symbols = ["BTCUSDT"], ConnectionLifetime = TimeSpan.FromHours(24) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinanceSourceOptions { Symbols = ["BTCUSDT"], RestPageSize = 1001 });
        Assert.Throws<ArgumentException>(() => new BinanceSourceOptions { Symbols = ["BTCUSDT"], RestEndpoint = new Uri("wss://fapi.binance.com") });
        Assert.Equal(["BTCUSDT"], new BinanceSourceOptions { Symbols = [" btcusdt "] }.Symbols);
    }

    protected override async Task<GarbageRun> RunWithGarbageAsync()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 60, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        var (garbage, counts) = Garbage(clock, 10_000);
        server.Add(new Disruption(30, DisruptionKind.Garbage, Messages: garbage));
        await using var source = Source(server, clock);

        var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        return new GarbageRun(Ticks(market), ticks, source.Statistics, counts, source.ConnectionStatistics);
    }

    private static (List<(string, bool)> Messages, Dictionary<TickRejection, long> Counts) Garbage(ManualTimeProvider clock, int total)
    {
        var recent = clock.GetUtcNow().AddMinutes(-5).ToUnixTimeMilliseconds();
        var future = clock.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds();
        string Trade(string symbol, string price, string quantity, long time) =>
            $$$"""{"stream":"x@aggTrade","data":{"e":"aggTrade","E":1,"s":"{{{symbol}}}","a":1,"p":"{{{price}}}","q":"{{{quantity}}}","f":1,"l":1,"T":{{{time}}},"m":false}}""";
        (string Text, bool Binary, TickRejection Reason)[] kinds =
        [
            ("{\"stream\":", false, TickRejection.Malformed),
            ("null", false, TickRejection.Malformed),
            ("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","s":"BTCUSDT","a":1,"p":"1.0"}}""", false, TickRejection.Malformed),
            ("""{"stream":"btcusdt@aggTrade","data":[1,2]}""", false, TickRejection.Malformed),
            (Trade("BTCUSDT", "12,5", "1", recent), false, TickRejection.Malformed),
            ("""{"result":null,"id":1}""", false, TickRejection.UnknownMessage),
            ("""{"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","s":"BTCUSDT","p":"1.0"}}""", false, TickRejection.UnknownMessage),
            ("""{"error":{"code":2,"msg":"Invalid request"},"id":7}""", false, TickRejection.UnknownMessage),
            (Trade("BTCUSDT", "NaN", "1", recent), false, TickRejection.NotANumber),
            (Trade("ETHUSDT", "0.00", "1", recent), false, TickRejection.NonPositivePrice),
            (Trade("ETHUSDT", "-3.5", "1", recent), false, TickRejection.NonPositivePrice),
            (Trade("BTCUSDT", "100.5", "-1", recent), false, TickRejection.NegativeSize),
            (Trade("BTCUSDT", "100.5", "1", 0), false, TickRejection.MissingTime),
            (Trade("BTCUSDT", "100.5", "1", future), false, TickRejection.FutureTime),
            (Trade("DOGEUSDT", "100.5", "1", recent), false, TickRejection.UnknownSymbol),
            (Trade("BTCUSDT", "100.5", "1", recent), true, TickRejection.Malformed),
        ];
        return GarbageMessages.Build(kinds, total);
    }

    [Fact]
    public async Task ReadAsync_WhenTheReaderFallsBehind_ReportsTheFullBufferAndLosesNothing()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 150, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        var logger = new CapturingLogger<BinanceFuturesTradeSource>();
        await using var source = Source(server, clock, bufferCapacity: 8, logger: logger);
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ticks = new List<Tick>();
        var reader = source.ReadAsync(safety.Token).GetAsyncEnumerator(safety.Token);
        try
        {
            Assert.True(await reader.MoveNextAsync());
            ticks.Add(reader.Current);

            // The reader stops here while the venue sends the whole market.
            await Eventually.TrueAsync(() => server.Position == server.Length, "the venue sent every step");
            await Eventually.TrueAsync(() => source.ConnectionStatistics.BufferFullEvents >= 1, "the source found its buffer full");
            await Eventually.TrueAsync(() => logger.Count(4008) >= 1, "the source logged its full buffer");
            Assert.Contains(logger.Entries, e => e.Id.Id == 4008 && e.Message.Contains("8 ticks", StringComparison.Ordinal));

            while (ticks.Count < market.Values.Sum(t => t.Length) && await reader.MoveNextAsync())
            {
                ticks.Add(reader.Current);
            }
        }
        finally
        {
            await reader.DisposeAsync();
        }

        AssertSame(Expected(market, _ => true), Actual(ticks));
        Assert.Equal(0, source.Statistics.TotalRejected);
    }

    [Fact]
    public async Task ReadAsync_WhenTheBackfillIsRateLimited_WaitsForRetryAfterOnTheClock()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 200, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.Add(new Disruption(50, DisruptionKind.Close, MissedSteps: 30));
        server.RateLimitNext(1);
        var logger = new CapturingLogger<BinanceFuturesTradeSource>();
        await using var source = Source(server, clock, logger: logger);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
        var reading = TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        await Eventually.TrueAsync(() => logger.Count(4017) == 1, "the back-fill hit the rate limit and scheduled its retry");
        var requests = server.RestRequests.Count;
        Assert.Equal(1, server.RateLimitedRequests);
        Assert.Contains(logger.Entries, e => e.Id.Id == 4017 && e.Message.Contains("3000 ms", StringComparison.Ordinal));
        clock.Advance(TimeSpan.FromSeconds(3));
        var ticks = await reading;

        Assert.True(server.RestRequests.Count > requests);
        AssertSame(Expected(market, _ => true), Actual(ticks));
    }

    [Fact]
    public async Task ReadAsync_WhenTheVenueDoesNotKnowASymbol_ReportsItAndStreamsTheOthers()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 120, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.Add(new Disruption(40, DisruptionKind.Close, MissedSteps: 10));
        await using var source = Source(server, clock, symbols: ["BTCUSDT", "NOPEUSDT", "ETHUSDT"]);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        var failure = Assert.Single(source.SymbolFailures);
        Assert.Equal(("NOPEUSDT", "-1121"), (failure.Symbol, failure.Code));
        AssertSame(Expected(market, _ => true), Actual(ticks));
    }

    [Fact]
    public async Task ReadAsync_WhenConnectionsAreRefused_RetriesOnTheBackoffSchedule()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 20, Symbols);
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.RefuseNext(3);
        await using var source = Source(server, clock, reconnect: new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(5), Multiplier = 3, JitterFactor = 0 });
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        TimeSpan[] expected = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45)];
        Assert.Equal(expected, watcher.RetryDelays);
        var attempts = server.ConnectionAttempts.ToArray();
        Assert.Equal(expected, attempts.Zip(attempts.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public void StreamUri_CombinesLowerCaseAggTradeStreamsOnTheRoutedEndpoint()
    {
        var source = new BinanceFuturesTradeSource(new BinanceSourceOptions { Symbols = ["btcUSDT", "ETHUSDT"] });

        Assert.Equal("wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade", source.StreamUri.AbsoluteUri);
    }
}
