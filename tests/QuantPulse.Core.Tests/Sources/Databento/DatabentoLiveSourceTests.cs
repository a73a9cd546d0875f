using System.Globalization;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Databento;
using QuantPulse.Tests.Testing;
using Xunit.Abstractions;

namespace QuantPulse.Tests.Sources.Databento;

public sealed class DatabentoLiveSourceTests(ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["AAPL", "MSFT"];

    /// <summary>100 trades alternating between the two symbols, 250 ms apart, an hour before the test clock, with nanoseconds.</summary>
    private static readonly (uint Instrument, DateTimeOffset Time, long Nanos, decimal Price)[] Market =
        [.. Enumerable.Range(0, 100).Select(i =>
        {
            var time = new DateTimeOffset(2024, 1, 1, 23, 0, 0, TimeSpan.Zero).AddMilliseconds(250 * i);
            return ((uint)(1 + (i % 2)), time, DbnFileWriter.Nanos(time) + 7, 100m + (i * 0.25m));
        })];

    private DatabentoLiveSource Source(FakeDatabentoGateway gateway, ManualTimeProvider clock, string key = FakeDatabentoGateway.ApiKey) =>
        new(
            new DatabentoSourceOptions
            {
                Dataset = "XNAS.ITCH",
                Symbols = Symbols,
                Gateway = "127.0.0.1",
                Port = gateway.Port,
                Key = key,
                StallTimeout = Timeout.InfiniteTimeSpan,
                Reconnect = new ReconnectOptions { JitterFactor = 0 },
            },
            clock,
            new XunitLogger<DatabentoLiveSource>(output));

    private static void Trades(DbnFileWriter writer, IEnumerable<int> indexes)
    {
        foreach (var i in indexes)
        {
            var (instrument, _, nanos, price) = Market[i];
            writer.TradeRaw(instrument, (ulong)nanos, DbnFileWriter.Fixed(price), (uint)(i + 1), i % 3 == 0 ? 'A' : 'B');
        }
    }

    private static void Mappings(DbnFileWriter writer) =>
        writer.SymbolMapping(1, "AAPL", Market[0].Time).SymbolMapping(2, "MSFT", Market[0].Time);

    private static async Task WriteAsync(Stream stream, Action<DbnFileWriter> records) =>
        await stream.WriteAsync(FakeDatabentoGateway.Stream(records));

    /// <summary>Connection 1 replays from the <c>start=</c> it was asked for, then goes live with the rest and stays open.</summary>
    private static async Task ReplayAndStayAsync(string subscription, Stream stream, CancellationToken stop)
    {
        var start = long.Parse(subscription.Split('|').Single(f => f.StartsWith("start=", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
        await WriteAsync(stream, w =>
        {
            Mappings(w);
            Trades(w, Enumerable.Range(0, 80).Where(i => Market[i].Nanos >= start));
            w.Message(0x17, "Finished trades replay", Market[79].Time);
            Trades(w, Enumerable.Range(80, 20));
            w.Message(0x17, "Heartbeat", Market[99].Time);
        });
        await Task.Delay(Timeout.Infinite, stop);
    }

    private static List<(string, DateTimeOffset, decimal, decimal, AggressorSide)> Expected() =>
        [.. Market.Select((t, i) => (t.Instrument == 1 ? "AAPL" : "MSFT", t.Time, t.Price, (decimal)(i + 1), i % 3 == 0 ? AggressorSide.Sell : AggressorSide.Buy))];

    private static List<(string, DateTimeOffset, decimal, decimal, AggressorSide)> Actual(IEnumerable<Tick> ticks) =>
        [.. ticks.Select(t => (t.Symbol, t.Time, t.Price, t.Size, t.Side)).OrderBy(t => t.Time)];

    [Fact]
    public void AuthResponse_DocumentedExample_MatchesTheGatewaysExpectation() =>
        Assert.Equal(
            "6d3c875bb9f8cf503c3ed83ee5f476a3ad53f0c67706c51cf42d2db5ad8ff5a9-mNUM6",
            DatabentoLiveSource.AuthResponse("j5pwMHz6vwXruJM4cOwQrQeQE0bImIzT", "db-89s9vCvwDDKPdQJ5Pb30Fyj9mNUM6"));

    [Fact]
    public async Task ReadAsync_DropInMidStream_ReplaysFromTheLastTradeAndYieldsEveryTradeOnce()
    {
        await using var gateway = new FakeDatabentoGateway(async (connection, subscription, stream, stop) =>
        {
            if (connection == 0)
            {
                await WriteAsync(stream, w =>
                {
                    Mappings(w);
                    Trades(w, Enumerable.Range(0, 60));
                });
                await stream.FlushAsync(stop);
                await Task.Delay(50, stop);
                FakeDatabentoGateway.Reset(stream);
                return;
            }

            await ReplayAndStayAsync(subscription, stream, stop);
        });
        var clock = new ManualTimeProvider();
        await using var source = Source(gateway, clock);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = await TickStreams.CollectAsync(source, Market.Length);

        Assert.Equal(Expected(), Actual(ticks));
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        var subscriptions = gateway.Subscriptions.ToList();
        Assert.Equal("schema=trades|stype_in=raw_symbol|symbols=AAPL,MSFT", subscriptions[0]);
        Assert.StartsWith("schema=trades|stype_in=raw_symbol|symbols=AAPL,MSFT|start=", subscriptions[1], StringComparison.Ordinal);
        Assert.All(gateway.AuthLines, a => Assert.EndsWith("-mNUM6|dataset=XNAS.ITCH|encoding=dbn|ts_out=0|heartbeat_interval_s=30", a, StringComparison.Ordinal));
        Assert.Equal(1, source.ConnectionStatistics.ConnectionsLost);
        await watcher.WaitForAsync(ConnectionState.Live, occurrence: 2);
        Assert.Contains(watcher.Statuses, s => s.State == ConnectionState.Backfilling);
        Assert.Equal("101", source.SessionId);
    }

    [Fact]
    public async Task ReadAsync_BadFramesAndUnusableTrades_CountedThenReconnectedWithoutLoss()
    {
        await using var gateway = new FakeDatabentoGateway(async (connection, subscription, stream, stop) =>
        {
            if (connection == 0)
            {
                await WriteAsync(stream, w =>
                {
                    Mappings(w);
                    Trades(w, Enumerable.Range(0, 30));
                    w.TradeRaw(1, (ulong)Market[30].Nanos, DbnFileWriter.UndefinedPrice, 1);
                    w.TradeRaw(9, (ulong)Market[30].Nanos, DbnFileWriter.Fixed(1m), 1);
                    w.Message(0x15, "Subscription limit reached for MSFT", Market[30].Time);
                    w.Raw([0, 0, 0, 0, 0, 0, 0, 0]);
                });
                await Task.Delay(Timeout.Infinite, stop);
                return;
            }

            await ReplayAndStayAsync(subscription, stream, stop);
        });
        var clock = new ManualTimeProvider();
        await using var source = Source(gateway, clock);
        using var watcher = new StatusWatcher(source, advanceOnRetry: clock);

        var ticks = await TickStreams.CollectAsync(source, Market.Length);

        Assert.Equal(Expected(), Actual(ticks));
        Assert.Equal(1, source.Statistics.Rejected(TickRejection.NonPositivePrice));
        Assert.Equal(1, source.Statistics.Rejected(TickRejection.UnknownSymbol));
        Assert.Equal(1, source.Statistics.Rejected(TickRejection.Malformed));
        Assert.Equal(1, source.ConnectionStatistics.ServerErrors);
        var retry = Assert.Single(watcher.Statuses, s => s.State == ConnectionState.Reconnecting);
        Assert.Contains("not DBN", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WrongKey_FailsTheSourceWithTheGatewaysReason()
    {
        await using var gateway = new FakeDatabentoGateway((_, _, _, _) => Task.CompletedTask);
        var clock = new ManualTimeProvider();
        await using var source = Source(gateway, clock, key: "db-wrongwrongwrongwrongwrongXXXXX");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await source.ReadAsync().ToListAsync());

        Assert.Equal("databento: the gateway refused authentication: Authentication failed. (check DATABENTO_API_KEY)", ex.Message);
        Assert.Equal(ConnectionState.Failed, source.Status.State);
        Assert.Equal(["AAPL", "MSFT"], source.SymbolFailures.Select(f => f.Symbol));
        Assert.EndsWith("-XXXXX|dataset=XNAS.ITCH|encoding=dbn|ts_out=0|heartbeat_interval_s=30", Assert.Single(gateway.AuthLines), StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayHost_FromDataset_IsTheDocumentedHost() =>
        Assert.Equal("glbx-mdp3.lsg.databento.com", new DatabentoSourceOptions { Dataset = "GLBX.MDP3", Symbols = ["ESM4"] }.GatewayHost);
}
