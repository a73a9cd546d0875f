using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Deriv;
using QuantPulse.Tests.Testing;
using Xunit.Abstractions;
using static QuantPulse.Tests.Sources.Deriv.FakeDerivServer;

namespace QuantPulse.Tests.Sources.Deriv;

public sealed class DerivTickSourceTests(ITestOutputHelper output) : LiveTickSourceContractTests
{
    private static readonly string[] Symbols = ["R_100", "R_10"];

    private static ReconnectOptions NoJitter => new() { JitterFactor = 0 };

    private DerivTickSource Source(FakeDerivServer server, ManualTimeProvider clock, int warmUp, ReconnectOptions? reconnect = null,
        string[]? symbols = null, int historyPageSize = DerivSourceOptions.MaxHistoryPageSize, int maxBackfill = 50_000,
        TimeSpan? stallTimeout = null, TimeSpan? backfillTimeout = null, int bufferCapacity = 4096) =>
        new(
            new DerivSourceOptions
            {
                Symbols = symbols ?? Symbols,
                Endpoint = server.Endpoint,
                WarmUpTicks = warmUp,
                HistoryPageSize = historyPageSize,
                MaxBackfillTicks = maxBackfill,
                StallTimeout = stallTimeout ?? TimeSpan.FromSeconds(60),
                BackfillTimeout = backfillTimeout ?? TimeSpan.FromSeconds(30),
                BufferCapacity = bufferCapacity,
                Reconnect = reconnect ?? NoJitter,
            },
            clock,
            new XunitLogger<DerivTickSource>(output));

    private static List<(DateTimeOffset, decimal, decimal)> Expected(FakeDerivServer.SeriesTick[] series, IEnumerable<int> steps) =>
        [.. steps.Select(i => (DateTimeOffset.FromUnixTimeSeconds(series[i].Epoch), series[i].Price, 0m))];

    private async Task<(List<Tick> Ticks, LiveSourceStatistics Connection)> RunAsync(int warmUp, int startPosition, int length, params Disruption[] disruptions)
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, length, Symbols), startPosition, clock, requireHistory: warmUp > 0);
        foreach (var disruption in disruptions)
        {
            server.Add(disruption);
        }

        await using var source = Source(server, clock, warmUp);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
        var expected = Symbols.Length * (length - startPosition + warmUp);
        var ticks = await TickStreams.CollectAsync(source, expected, t => server.ReportYielded(t.Count));
        Assert.Equal(disruptions.Count(d => d.Kind is DisruptionKind.Close or DisruptionKind.Abort), watcher.RetryDelays.Count);
        return (ticks, source.ConnectionStatistics);
    }

    protected override async Task<DisconnectRun> RunWithDisconnectsAsync()
    {
        var (uninterrupted, _) = await RunAsync(warmUp: 50, startPosition: 100, length: 400);
        Disruption[] disruptions =
        [
            new(130, DisruptionKind.Close, MissedSteps: 7),
            new(180, DisruptionKind.Abort, MissedSteps: 0, AfterYielded: 200),
            new(250, DisruptionKind.Close, MissedSteps: 60),
            new(320, DisruptionKind.Abort, MissedSteps: 1, AfterYielded: 450),
        ];
        var (disrupted, connection) = await RunAsync(warmUp: 50, startPosition: 100, length: 400, disruptions);
        Assert.All(TickStreams.BySymbol(disrupted).Values, series => Assert.Equal(350, series.Count));
        return new DisconnectRun(uninterrupted, disrupted, connection, disruptions.Length, Symbols.Length * disruptions.Sum(d => d.MissedSteps));
    }

    [Fact]
    public async Task ReadAsync_WithWarmUp_YieldsTheLastTicksBeforeTheSubscriptionFirst()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 60, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 40, clock, requireHistory: true);
        await using var source = Source(server, clock, warmUp: 15);

        var ticks = TickStreams.BySymbol(await TickStreams.CollectAsync(source, 2 * 35));

        foreach (var symbol in Symbols)
        {
            Assert.Equal(Expected(market[symbol], Enumerable.Range(25, 35)), ticks[symbol]);
        }
    }

    [Fact]
    public async Task ReadAsync_WhenConnectionsAreRefused_WaitsExponentialDelaysUpToTheCapBetweenAttempts()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, 20, Symbols), 0, clock, requireHistory: false);
        server.RefuseNext(5);
        await using var source = Source(server, clock, warmUp: 0, new ReconnectOptions
        {
            InitialDelay = TimeSpan.FromSeconds(1),
            Multiplier = 2,
            MaxDelay = TimeSpan.FromSeconds(8),
            JitterFactor = 0,
        });
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = await TickStreams.CollectAsync(source, 2 * 20);

        TimeSpan[] expected = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8)];
        Assert.Equal(expected, watcher.RetryDelays);
        var attempts = server.ConnectionAttempts.ToArray();
        Assert.Equal(6, attempts.Length);
        Assert.Equal(expected, attempts.Zip(attempts.Skip(1), (a, b) => b - a));
        Assert.Equal([1, 2, 3, 4, 5], watcher.Statuses.Where(s => s.State == ConnectionState.Reconnecting).Select(s => s.Attempt));
        Assert.Equal(40, ticks.Count);
        Assert.Equal(5, source.ConnectionStatistics.ConnectFailures);
    }

    [Fact]
    public async Task ReadAsync_WithJitter_DrawsEachDelayBetweenItsFloorAndItsBase()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, 5, Symbols), 0, clock, requireHistory: false);
        server.RefuseNext(6);
        var reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(20), JitterFactor = 0.5 };
        await using var source = Source(server, clock, warmUp: 0, reconnect);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        await TickStreams.CollectAsync(source, 2 * 5);

        var delays = watcher.RetryDelays;
        Assert.Equal(6, delays.Count);
        for (var i = 0; i < delays.Count; i++)
        {
            var full = TimeSpan.FromSeconds(Math.Min(20, 2 * Math.Pow(2, i)));
            Assert.InRange(delays[i], full * 0.5, full);
        }

        var attempts = server.ConnectionAttempts.ToArray();
        Assert.Equal(delays, attempts.Zip(attempts.Skip(1), (a, b) => b - a));
    }

    [Fact]
    public async Task ReadAsync_AfterAHealthyConnection_StartsTheBackoffAgain()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, 100, Symbols), 0, clock, requireHistory: false);
        server.RefuseNext(2);
        server.Add(new Disruption(5, DisruptionKind.Close));
        server.StopAt(10);
        await using var source = Source(server, clock, warmUp: 0, new ReconnectOptions
        {
            InitialDelay = TimeSpan.FromSeconds(1),
            JitterFactor = 0,
            HealthyPeriod = TimeSpan.FromSeconds(30),
        }, stallTimeout: Timeout.InfiniteTimeSpan);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
        using var stop = new CancellationTokenSource();
        var reading = TickStreams.DrainAsync(source, stop.Token);

        await watcher.WaitForAsync(ConnectionState.Live, occurrence: 2);
        clock.Advance(TimeSpan.FromSeconds(30));
        server.DropAll();
        await watcher.WaitForAsync(ConnectionState.Live, occurrence: 3);
        await stop.CancelAsync();
        await reading;

        // Refused, refused, dropped at once (not healthy): 1, 2, 4. Dropped after 30 s live: back to 1.
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1)], watcher.RetryDelays);
    }

    [Fact]
    public async Task ReadAsync_AfterTooManyConsecutiveFailures_FailsWithIOException()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, 5, Symbols), 0, clock, requireHistory: false);
        server.RefuseNext(100);
        await using var source = Source(server, clock, warmUp: 0, new ReconnectOptions { JitterFactor = 0, MaxConsecutiveFailures = 3 });
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var error = await Assert.ThrowsAsync<IOException>(() => TickStreams.CollectAsync(source, 1));

        Assert.Contains("3 consecutive", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.ConnectionAttempts.Count);
        Assert.Equal(ConnectionState.Failed, source.Status.State);
        Assert.Equal(2, watcher.RetryDelays.Count);
    }

    [Fact]
    public async Task ReadAsync_WithAnUnknownSymbol_ReportsItAndStreamsTheOthers()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 30, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 10, clock, requireHistory: true);
        await using var source = Source(server, clock, warmUp: 5, symbols: ["R_100", "R_NOPE", "R_10"]);

        var ticks = TickStreams.BySymbol(await TickStreams.CollectAsync(source, 2 * 25));

        var failure = Assert.Single(source.SymbolFailures);
        Assert.Equal("R_NOPE", failure.Symbol);
        Assert.Equal("InvalidSymbol", failure.Code);
        Assert.Contains("R_NOPE", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, source.ConnectionStatistics.ConnectionsLost);
        Assert.Equal(Expected(market["R_100"], Enumerable.Range(5, 25)), ticks["R_100"]);
        Assert.Equal(Expected(market["R_10"], Enumerable.Range(5, 25)), ticks["R_10"]);
    }

    [Fact]
    public async Task ReadAsync_WhenEverySymbolIsRefused_FailsWithInvalidOperationException()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, 5, Symbols), 0, clock, requireHistory: false);
        await using var source = Source(server, clock, warmUp: 0, symbols: ["R_X", "R_Y"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TickStreams.CollectAsync(source, 1));

        Assert.Contains("R_X", error.Message, StringComparison.Ordinal);
        Assert.Contains("R_Y", error.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.Failed, source.Status.State);
        Assert.Equal(2, source.SymbolFailures.Count);
    }

    protected override async Task<GarbageRun> RunWithGarbageAsync()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 50, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        var (garbage, expectedCounts) = Garbage(clock, 10_000);
        server.Add(new Disruption(20, DisruptionKind.Garbage, Messages: garbage));
        await using var source = Source(server, clock, warmUp: 0);

        var ticks = await TickStreams.CollectAsync(source, 2 * 50);

        var expected = Symbols.SelectMany(symbol => market[symbol].Select(t =>
            new Tick(symbol, DateTimeOffset.FromUnixTimeSeconds(t.Epoch), t.Price, 0m, TickSources.Deriv))).ToList();
        return new GarbageRun(expected, ticks, source.Statistics, expectedCounts, source.ConnectionStatistics);
    }

    private static (List<(string, bool)> Messages, Dictionary<TickRejection, long> Counts) Garbage(ManualTimeProvider clock, int total)
    {
        var future = clock.GetUtcNow().AddDays(2).ToUnixTimeSeconds();
        var recent = clock.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds();
        (string Text, bool Binary, TickRejection Reason)[] kinds =
        [
            ("{not json", false, TickRejection.Malformed),
            ("[1,2,3]", false, TickRejection.Malformed),
            ("", false, TickRejection.Malformed),
            ("""{"msg_type":"ping","ping":"pong"} trailing""", false, TickRejection.Malformed),
            ("""{"msg_type":"tick","tick":{"quote":1.5,"symbol":"R_100"}}""", false, TickRejection.Malformed),
            ("""{"msg_type":"tick","tick":{"epoch":{"nested":[1,{"x":2}]},"quote":1.5,"symbol":"R_100"}}""", false, TickRejection.Malformed),
            ("""{"msg_type":"tick"}""", false, TickRejection.Malformed),
            ("""{"msg_type":"proposal","proposal":{"id":"x"}}""", false, TickRejection.UnknownMessage),
            ("""{"foo":[1,2,{"bar":null}]}""", false, TickRejection.UnknownMessage),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{recent}}},"quote":"NaN","symbol":"R_100"}}""", false, TickRejection.NotANumber),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{recent}}},"quote":1e400,"symbol":"R_10"}}""", false, TickRejection.NotANumber),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{recent}}},"quote":0,"symbol":"R_100"}}""", false, TickRejection.NonPositivePrice),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{recent}}},"quote":-5.5,"symbol":"R_10"}}""", false, TickRejection.NonPositivePrice),
            ("""{"msg_type":"tick","tick":{"epoch":0,"quote":100.5,"symbol":"R_100"}}""", false, TickRejection.MissingTime),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{future}}},"quote":100.5,"symbol":"R_100"}}""", false, TickRejection.FutureTime),
            ("""{"msg_type":"tick","tick":{"epoch":99999999999999,"quote":100.5,"symbol":"R_100"}}""", false, TickRejection.FutureTime),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{recent}}},"quote":100.5,"symbol":"R_999"}}""", false, TickRejection.UnknownSymbol),
            ($$$"""{"msg_type":"tick","tick":{"epoch":{{{recent}}},"quote":100.5,"symbol":"R_100"}}""", true, TickRejection.Malformed),
        ];
        return GarbageMessages.Build(kinds, total);
    }

    [Fact]
    public async Task ReadAsync_WhenTheStreamStalls_DropsTheConnectionAfterTheStallTimeoutAndBackfills()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 80, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 20, clock, requireHistory: true);
        server.Add(new Disruption(40, DisruptionKind.Stall, MissedSteps: 15));
        await using var source = Source(server, clock, warmUp: 10, stallTimeout: TimeSpan.FromSeconds(60));
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
        var reading = TickStreams.CollectAsync(source, 2 * 70);

        await server.Stalled;
        await Eventually.TrueAsync(() => source.Statistics.Accepted == 2 * 30, "everything sent before the stall was read");
        Assert.Equal(0, source.ConnectionStatistics.StallsDetected);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, source.ConnectionStatistics.StallsDetected);
        clock.Advance(TimeSpan.FromSeconds(20));
        var ticks = TickStreams.BySymbol(await reading);

        Assert.Equal(1, source.ConnectionStatistics.StallsDetected);
        Assert.Contains("stall timeout", watcher.Statuses.Single(s => s.State == ConnectionState.Reconnecting).Reason, StringComparison.Ordinal);
        foreach (var symbol in Symbols)
        {
            Assert.Equal(Expected(market[symbol], Enumerable.Range(10, 70)), ticks[symbol]);
        }
    }

    [Fact]
    public async Task ReadAsync_WhileConnected_SendsAPingEveryPingInterval()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(Market(clock, 10, Symbols), 0, clock, requireHistory: false);
        await using var source = Source(server, clock, warmUp: 0, stallTimeout: TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var reading = TickStreams.DrainAsync(source, stop.Token);
        await Eventually.TrueAsync(() => source.Statistics.Accepted == 20, "every tick arrived");

        Assert.Equal(0, server.PingsReceived);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, source.ConnectionStatistics.KeepAlivesSent);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => server.PingsReceived == 1, "the server received a ping");
        clock.Advance(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => server.PingsReceived == 3, "the server received three pings");
        await stop.CancelAsync();
        await reading;

        Assert.Contains(server.Requests, r => r == """{"ping":1}""");
        Assert.Equal(3, source.ConnectionStatistics.KeepAlivesSent);
    }

    [Fact]
    public async Task ReadAsync_AfterALongGap_BackfillsPageByPage()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 200, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        server.Add(new Disruption(50, DisruptionKind.Close, MissedSteps: 100));
        await using var source = Source(server, clock, warmUp: 0, historyPageSize: 25);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = TickStreams.BySymbol(await TickStreams.CollectAsync(source, 2 * 200));

        foreach (var symbol in Symbols)
        {
            Assert.Equal(Expected(market[symbol], Enumerable.Range(0, 200)), ticks[symbol]);
        }

        // 101 ticks (the last one seen again, then 100 missed) in pages of 25: five requests per symbol.
        Assert.Equal(10, source.ConnectionStatistics.BackfillRequests);
        Assert.Equal(0, source.ConnectionStatistics.BackfillGaps);
    }

    [Fact]
    public async Task ReadAsync_WhenTheGapExceedsTheBackfillLimit_KeepsTheNewestTicksAndCountsTheGap()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 200, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        server.Add(new Disruption(50, DisruptionKind.Close, MissedSteps: 100));
        await using var source = Source(server, clock, warmUp: 0, historyPageSize: 25, maxBackfill: 40);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = TickStreams.BySymbol(await TickStreams.CollectAsync(source, 2 * (200 - 60)));

        foreach (var symbol in Symbols)
        {
            Assert.Equal(Expected(market[symbol], Enumerable.Range(0, 50).Concat(Enumerable.Range(110, 90))), ticks[symbol]);
        }

        Assert.Equal(2, source.ConnectionStatistics.BackfillGaps);
    }

    [Fact]
    public async Task ReadAsync_WhenHistoryNeverAnswers_GoesLiveAfterTheBackfillTimeoutAndCountsTheGap()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 30, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 10, clock, requireHistory: false);
        server.HoldHistory();
        await using var source = Source(server, clock, warmUp: 5, backfillTimeout: TimeSpan.FromSeconds(30), stallTimeout: Timeout.InfiniteTimeSpan);
        using var watcher = new StatusWatcher(source);
        var reading = TickStreams.CollectAsync(source, 2 * 20);

        await watcher.WaitForAsync(ConnectionState.Backfilling);
        await Eventually.TrueAsync(() => source.ConnectionStatistics.MessagesReceived >= 2 * 20, "the live ticks arrived");
        Assert.Equal(0, source.Statistics.Accepted);

        // The timeout is checked as messages arrive; past two ping intervals a pong surely arrives after it.
        clock.Advance(TimeSpan.FromSeconds(61));
        var ticks = TickStreams.BySymbol(await reading);

        Assert.Equal(2, source.ConnectionStatistics.BackfillGaps);
        foreach (var symbol in Symbols)
        {
            Assert.Equal(Expected(market[symbol], Enumerable.Range(10, 20)), ticks[symbol]);
        }
    }

    protected override async Task<WatermarkTrace> TraceWatermarkAsync()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 40, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 20, clock, requireHistory: true);
        server.StopAt(30);
        await using var source = Source(server, clock, warmUp: 5, stallTimeout: Timeout.InfiniteTimeSpan);
        var last = Symbols.Min(symbol => DateTimeOffset.FromUnixTimeSeconds(market[symbol][29].Epoch));
        return await TraceThroughDropAsync(source, clock, 2 * 15, server.DropAll, last); // the warm-up and live ticks of both symbols
    }

    [Fact]
    public async Task GetWatermark_WhileTheWarmUpHistoryIsAwaited_IsNull()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 40, Symbols);
        await using var server = await FakeDerivServer.StartAsync(market, 20, clock, requireHistory: true);
        server.HoldHistory();
        server.StopAt(30);
        await using var source = Source(server, clock, warmUp: 5, stallTimeout: Timeout.InfiniteTimeSpan);
        using var watcher = new StatusWatcher(source);
        using var stop = new CancellationTokenSource();
        var reading = TickStreams.DrainAsync(source, stop.Token);

        await watcher.WaitForAsync(ConnectionState.Backfilling);
        Assert.Null(source.GetWatermark(clock.GetUtcNow()));

        server.ReleaseHistory();
        await watcher.WaitForAsync(ConnectionState.Live);
        await stop.CancelAsync();
        await reading;
    }
}
