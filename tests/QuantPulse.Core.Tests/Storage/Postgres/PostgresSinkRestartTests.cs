using System.Threading.Tasks.Dataflow;
using Npgsql;
using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Storage.Postgres;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Storage.StorageSamples;

namespace QuantPulse.Tests.Storage.Postgres;

/// <summary>The database goes away in the middle of a run and comes back: nothing accepted is lost or doubled.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSinkRestartTests(PostgresServer server)
{
    private const int Batches = 300;
    private const int TicksPerBatch = 10;
    private const int BufferCapacity = 400;

    [Fact]
    public async Task SinkBlock_PostgresStoppedMidRun_BacksPressureThenStoresEveryAcceptedItemExactlyOnce()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()) { Timeout = 5, CommandTimeout = 15 }.ConnectionString;
        await using var store = await PostgresMarketStore.OpenAsync(connectionString);
        var sink = new SinkBlock(store, new SinkBlockOptions
        {
            BatchSize = 64,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            BufferCapacity = BufferCapacity,
            BoundedCapacity = 2,
            StoreTicks = true,
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        });
        var expected = new Expected();
        var sent = 0;
        Task<bool>? pending = null;

        // The producer waits for the outage after a few batches: however fast the machine, the run cannot end before it.
        var outage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < Batches; i++)
            {
                if (i == 60)
                {
                    await outage.Task;
                }

                var send = sink.SendAsync(expected.Batch(i));
                Volatile.Write(ref pending, send);
                Assert.True(await send);
                Interlocked.Increment(ref sent);
            }

            sink.Complete();
        });

        await Eventually.TrueAsync(() => sink.Statistics.Writes >= 5 && Volatile.Read(ref sent) >= 30, "a few writes before the outage");
        await server.InterruptAsync(connectionString);
        outage.SetResult();
        await Eventually.TrueAsync(() => sink.Statistics.Retries >= 2, "writes failing while the server is down");
        await Eventually.TrueAsync(
            () => sink.Statistics.Backlog >= BufferCapacity && Volatile.Read(ref pending) is { IsCompleted: false },
            "buffer full and the producer waiting in SendAsync");

        var backlog = sink.Statistics.Backlog;
        var accepted = Volatile.Read(ref sent);
        Assert.InRange(backlog, BufferCapacity, BufferCapacity + TicksPerBatch + 3);
        Assert.True(accepted < Batches, "back-pressure must hold the producer before the end of the run");
        Assert.False(producer.IsCompleted);

        await server.ResumeAsync(connectionString);
        await producer.WaitAsync(Eventually.HangTimeout);
        await sink.Completion.WaitAsync(Eventually.HangTimeout);

        var stats = sink.Statistics;
        Assert.Equal(0, stats.Backlog);
        Assert.True(stats.Retries >= 2);
        var end = T0.AddDays(1);
        Assert.Equal(expected.Ticks, await store.Ticks.GetRangeAsync("R_100", T0, end));
        Assert.Equal(expected.Candles, await store.Candles.GetRangeAsync("R_100", Timeframe.OneMinute, T0, end));
        Assert.Equal(expected.Signals, (await store.Signals.GetRangeAsync(T0, end)).Select(s => s.Id));
        Assert.Equal(expected.Trades.Values.OrderBy(t => t.OpenTime), await store.Trades.GetRangeAsync(T0, end));
        Assert.Equal(expected.Trades.Values.Count(t => t.IsOpen), (await store.Trades.GetOpenTradesAsync()).Count);
    }

    /// <summary>Builds the batches and remembers what the database must hold at the end.</summary>
    private sealed class Expected
    {
        public List<Tick> Ticks { get; } = [];

        public List<Candle> Candles { get; } = [];

        public List<string> Signals { get; } = [];

        public Dictionary<string, Trade> Trades { get; } = [];

        public MarketBatch Batch(int i)
        {
            // Every tick differs (time and price), so a doubled tick would show.
            var ticks = Enumerable.Range(0, TicksPerBatch).Select(k => Tick(T0.AddSeconds(i).AddMilliseconds(k * 7), 100m + i + (k / 1000m))).ToArray();
            var candle = Candle(T0.AddMinutes(i), open: 100m + i);
            var signal = Signal($"s{i:D4}", at: T0.AddSeconds(i));
            var open = OpenTrade($"t{i:D4}", at: T0.AddSeconds(i), signalId: signal.Id);
            var events = new List<(Trade, TradeEventKind)> { (open, TradeEventKind.Opened) };
            Trades[open.Id] = open;
            if (i % 2 == 1)
            {
                var closed = Closed(Trades[$"t{i - 1:D4}"], i % 4 == 1 ? TradeResult.Win : TradeResult.Loss, TimeSpan.FromSeconds(1), 0.25, 101m);
                events.Add((closed, TradeEventKind.Closed));
                Trades[closed.Id] = closed;
            }

            Ticks.AddRange(ticks);
            Candles.Add(candle);
            Signals.Add(signal.Id);
            return SinkBatches.Of([candle], [signal], events, ticks);
        }
    }
}
