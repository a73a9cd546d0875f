using System.Globalization;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Alpaca;
using QuantPulse.Tests.Testing;
using Xunit.Abstractions;
using static QuantPulse.Tests.Sources.Alpaca.FakeAlpacaServer;

namespace QuantPulse.Tests.Sources.Alpaca;

public sealed class AlpacaTradeSourceTests(ITestOutputHelper output) : LiveTickSourceContractTests
{
    private static readonly string[] Symbols = ["AAPL", "MSFT"];

    private AlpacaTradeSource Source(FakeAlpacaServer server, ManualTimeProvider clock, int restPageSize = 10_000, string key = FakeAlpacaServer.Key, ReconnectOptions? reconnect = null, AlpacaFeed feed = AlpacaFeed.Iex) =>
        new(
            new AlpacaSourceOptions
            {
                Symbols = Symbols,
                Feed = feed,
                StreamEndpoint = server.StreamEndpoint,
                RestEndpoint = server.RestEndpoint,
                KeyId = key,
                SecretKey = FakeAlpacaServer.Secret,
                RestPageSize = restPageSize,
                StallTimeout = Timeout.InfiniteTimeSpan,
                Reconnect = reconnect ?? new ReconnectOptions { JitterFactor = 0 },
            },
            clock,
            new XunitLogger<AlpacaTradeSource>(output));

    private static List<Tick> Ticks(Dictionary<string, FakeAlpacaServer.Trade[]> market) =>
        [.. market.SelectMany(m => m.Value.Select(t => new Tick(
            m.Key,
            DateTimeOffset.UnixEpoch.AddTicks(t.Nanos / 100),
            decimal.Parse(t.Price, CultureInfo.InvariantCulture),
            t.Size,
            TickSources.Alpaca)))];

    private async Task<(List<Tick> Ticks, LiveSourceStatistics Connection, FakeAlpacaServer Server)> RunAsync(int steps, int restPageSize, params Disruption[] disruptions)
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, steps, Symbols);
        var server = await FakeAlpacaServer.StartAsync(market);
        await using (server)
        {
            foreach (var disruption in disruptions)
            {
                server.Add(disruption);
            }

            await using var source = Source(server, clock, restPageSize: restPageSize);
            using var watcher = new StatusWatcher(source, advanceOnRetry: clock);
            var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length), t => server.ReportYielded(t.Count));

            Assert.Equal(disruptions.Count(d => d.Kind is DisruptionKind.Close or DisruptionKind.Abort), watcher.RetryDelays.Count);
            Assert.Equal(
                Ticks(market).OrderBy(t => (t.Symbol, t.Time)).Select(t => (t.Symbol, t.Time, t.Price, t.Size)),
                ticks.OrderBy(t => (t.Symbol, t.Time)).Select(t => (t.Symbol, t.Time, t.Price, t.Size)));
            return (ticks, source.ConnectionStatistics, server);
        }
    }

    protected override async Task<DisconnectRun> RunWithDisconnectsAsync()
    {
        var (uninterrupted, _, _) = await RunAsync(600, 10_000);
        Disruption[] disruptions =
        [
            new(90, DisruptionKind.Close, MissedSteps: 40),
            new(200, DisruptionKind.Abort, MissedSteps: 3, AfterYielded: 150),
            new(330, DisruptionKind.Close, MissedSteps: 0),
            new(450, DisruptionKind.Abort, MissedSteps: 70, AfterYielded: 380),
        ];
        var (disrupted, connection, server) = await RunAsync(600, restPageSize: 10, disruptions);
        Assert.Contains(server.RestRequests, r => r.Contains("page_token=", StringComparison.Ordinal));
        Assert.All(server.RestRequests, r => Assert.Contains("feed=iex", r, StringComparison.Ordinal));

        var missed = Market(new ManualTimeProvider(), 600, Symbols).Values
            .Sum(trades => trades.Count(t => disruptions.Any(d => t.Step > d.AtStep && t.Step < d.AtStep + d.MissedSteps)));
        return new DisconnectRun(uninterrupted, disrupted, connection, disruptions.Length, missed);
    }

    protected override async Task<WatermarkTrace> TraceWatermarkAsync()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 40, Symbols);
        await using var server = await FakeAlpacaServer.StartAsync(market);
        server.StopAt(30);
        await using var source = Source(server, clock);
        var last = market.Values.Min(trades => DateTimeOffset.UnixEpoch.AddTicks(trades.Last(t => t.Step < 30).Nanos / 100));
        return await TraceThroughDropAsync(source, clock, market.Values.Sum(trades => trades.Count(t => t.Step < 30)), server.DropAll, last);
    }

    protected override async Task<GarbageRun> RunWithGarbageAsync()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 60, Symbols);
        await using var server = await FakeAlpacaServer.StartAsync(market);
        var recent = Rfc3339((clock.GetUtcNow().AddMinutes(-5).ToUnixTimeMilliseconds() * 1_000_000) + 1);
        var future = Rfc3339(clock.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds() * 1_000_000);
        static string Trade(string symbol, string price, string size, string time) =>
            $$"""[{"T":"t","S":"{{symbol}}","i":1,"x":"V","p":{{price}},"s":{{size}},"t":"{{time}}","c":["@"],"z":"C"}]""";
        (string Text, bool Binary, TickRejection Reason)[] kinds =
        [
            ("[{\"T\":", false, TickRejection.Malformed),
            ("null", false, TickRejection.Malformed),
            ("""{"T":"t"}""", false, TickRejection.Malformed),
            ("[42]", false, TickRejection.Malformed),
            ("""[{"T":"t","p":1,"s":1,"t":"2024-01-01T00:00:00Z"}]""", false, TickRejection.Malformed),
            (Trade("AAPL", "1", "1", "yesterday"), false, TickRejection.Malformed),
            ("""[{"T":"q","S":"AAPL","bp":1,"ap":2}]""", false, TickRejection.UnknownMessage),
            (Trade("AAPL", "\"12.5\"", "1", recent), false, TickRejection.NotANumber),
            (Trade("MSFT", "0", "1", recent), false, TickRejection.NonPositivePrice),
            (Trade("MSFT", "-3.5", "1", recent), false, TickRejection.NonPositivePrice),
            (Trade("AAPL", "100.5", "-1", recent), false, TickRejection.NegativeSize),
            ("""[{"T":"t","S":"AAPL","p":1,"s":1}]""", false, TickRejection.MissingTime),
            (Trade("AAPL", "100.5", "1", future), false, TickRejection.FutureTime),
            (Trade("TSLA", "100.5", "1", recent), false, TickRejection.UnknownSymbol),
            (Trade("AAPL", "100.5", "1", recent), true, TickRejection.Malformed),
        ];
        var (garbage, counts) = GarbageMessages.Build(kinds, 10_000);
        server.Add(new Disruption(30, DisruptionKind.Garbage, Messages: garbage));
        await using var source = Source(server, clock);

        var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        return new GarbageRun(Ticks(market), ticks, source.Statistics, counts, source.ConnectionStatistics);
    }

    [Fact]
    public async Task ReadAsync_Handshake_AuthenticatesThenSubscribesTradesOnTheFeedPath()
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 5, Symbols);
        await using var server = await FakeAlpacaServer.StartAsync(market);
        await using var source = Source(server, clock, feed: AlpacaFeed.Test);

        var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        Assert.Equal(["/v2/test"], server.Paths);
        Assert.Equal(
            [
                $$"""{"action":"auth","key":"{{FakeAlpacaServer.Key}}","secret":"{{FakeAlpacaServer.Secret}}"}""",
                """{"action":"subscribe","trades":["AAPL","MSFT"]}""",
            ],
            server.ClientMessages);
        Assert.Equal(market["AAPL"][0].Nanos / 100, (ticks[0].Time - DateTimeOffset.UnixEpoch).Ticks);
    }

    [Fact]
    public async Task ReadAsync_AuthFailed402_FailsTheSourceNamingTheVariables()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeAlpacaServer.StartAsync(Market(clock, 5, Symbols));
        await using var source = Source(server, clock, key: "wrong");
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await source.ReadAsync().ToListAsync());

        Assert.Equal("alpaca: Alpaca refused the session: 402 auth failed (check APCA-API-KEY-ID and APCA-API-SECRET-KEY)", ex.Message);
        Assert.Equal(ConnectionState.Failed, source.Status.State);
        Assert.Equal(["AAPL", "MSFT"], source.SymbolFailures.Select(f => f.Symbol));
        Assert.All(source.SymbolFailures, f => Assert.Equal("402", f.Code));
        Assert.Empty(watcher.RetryDelays);
    }

    [Theory]
    [InlineData(405, "symbol limit exceeded")]
    [InlineData(409, "insufficient subscription")]
    public async Task ReadAsync_ErrorsThatRetryingCannotCure_FailTheSource(int code, string message)
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeAlpacaServer.StartAsync(Market(clock, 5, Symbols));
        server.ErrorAfterAuth(code);
        await using var source = Source(server, clock);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await source.ReadAsync().ToListAsync());

        Assert.Equal($"alpaca: Alpaca refused the session: {code} {message}", ex.Message);
        Assert.Equal(ConnectionState.Failed, source.Status.State);
    }

    [Theory]
    [InlineData(406)]
    [InlineData(407)]
    [InlineData(500)]
    public async Task ReadAsync_ErrorsThatMayPass_ReconnectAndDeliverEverything(int code)
    {
        var clock = new ManualTimeProvider();
        var market = Market(clock, 20, Symbols);
        await using var server = await FakeAlpacaServer.StartAsync(market);
        server.ErrorAfterAuth(code);
        await using var source = Source(server, clock);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = await TickStreams.CollectAsync(source, market.Values.Sum(t => t.Length));

        Assert.Equal(market.Values.Sum(t => t.Length), ticks.Count);
        var retry = Assert.Single(watcher.Statuses, s => s.State == ConnectionState.Reconnecting);
        Assert.Contains($"Alpaca error {code}", retry.Reason, StringComparison.Ordinal);
        Assert.Equal(1, source.ConnectionStatistics.ServerErrors);
    }

    [Fact]
    public async Task ReadAsync_NoKeyInTheEnvironment_FailsNamingTheVariables()
    {
        var clock = new ManualTimeProvider();
        await using var source = new AlpacaTradeSource(
            new AlpacaSourceOptions { Symbols = ["AAPL"], KeyIdVariable = "QP_TEST_NO_SUCH_KEY", SecretKeyVariable = "QP_TEST_NO_SUCH_SECRET" }, clock);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await source.ReadAsync().ToListAsync());

        Assert.Equal("alpaca: no API key: set the environment variables QP_TEST_NO_SUCH_KEY and QP_TEST_NO_SUCH_SECRET.", ex.Message);
    }

    [Theory]
    [InlineData(AlpacaFeed.Iex, "wss://stream.data.alpaca.markets/v2/iex")]
    [InlineData(AlpacaFeed.Sip, "wss://stream.data.alpaca.markets/v2/sip")]
    [InlineData(AlpacaFeed.Test, "wss://stream.data.alpaca.markets/v2/test")]
    [InlineData(AlpacaFeed.Crypto, "wss://stream.data.alpaca.markets/v1beta3/crypto/us")]
    public async Task StreamUri_EachFeed_IsItsDocumentedPath(AlpacaFeed feed, string expected)
    {
        await using var source = new AlpacaTradeSource(new AlpacaSourceOptions { Symbols = ["X"], Feed = feed });

        Assert.Equal(new Uri(expected), source.StreamUri);
    }
}
