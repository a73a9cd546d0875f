using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Simulated;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Hosting;

/// <summary>The configured pipeline end to end: CSV recording → candles → indicators → strategy → simulator → SQLite.</summary>
public sealed class QuantPulseRuntimeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("qp-runtime-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_TradingConfiguration_StoresCandlesSignalsAndTrades()
    {
        var ticks = await RecordAsync("all.csv", SimulatedTicks(hours: 6));
        var db = Path.Combine(_dir, "all.db");

        await RunAsync(ticks, db);

        await using var store = await MarketStore.OpenAsync(new StorageOptions { Path = db });
        var trades = await store.Trades.GetRangeAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var signals = await store.Signals.GetRangeAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var candles = await store.Candles.GetRangeAsync("SIM_A", Timeframe.OneMinute, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(360, candles.Count); // six hours of one-minute buckets; the end of the recording closes the last
        Assert.NotEmpty(signals);
        Assert.NotEmpty(trades);
        Assert.All(trades, t => Assert.Contains(signals, s => s.Id == t.SignalId));
        Assert.All(signals, s => Assert.Equal("utbot", s.Strategy));
    }

    [Fact]
    public async Task RunAsync_Restart_ReloadsOpenTradesAndClosesThemLikeAnUninterruptedRun()
    {
        var all = SimulatedTicks(hours: 6);
        var reference = Path.Combine(_dir, "reference.db");
        await RunAsync(await RecordAsync("all.csv", all), reference);
        IReadOnlyList<QuantPulse.Model.Trade> referenceTrades;
        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = reference }))
        {
            referenceTrades = await store.Trades.GetRangeAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        }

        // Stop the host while a trade is open: split the recording one second after a trade's fill.
        var spanning = referenceTrades.First(t => t.CloseTime - t.OpenTime > TimeSpan.FromMinutes(2));
        var split = spanning.OpenTime + TimeSpan.FromSeconds(1);
        var db = Path.Combine(_dir, "restarted.db");
        await RunAsync(await RecordAsync("part1.csv", all.Where(t => t.Time < split)), db);
        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = db }))
        {
            Assert.Contains(await store.Trades.GetOpenTradesAsync(), t => t.Id == spanning.Id);
        }

        await RunAsync(await RecordAsync("part2.csv", all.Where(t => t.Time >= split)), db);

        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = db }))
        {
            var resumed = await store.Trades.GetAsync(spanning.Id);
            Assert.NotNull(resumed);
            Assert.Equal(spanning, resumed);
        }
    }

    private static Tick[] SimulatedTicks(int hours)
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = ["SIM_A"],
            Seed = 11,
            TickInterval = TimeSpan.FromSeconds(2),
            TicksPerSymbol = hours * 1800,
            StartTime = Ticks.Day,
            Pacing = TickPacing.AsFastAsPossible,
        });
        var list = new List<Tick>();
        var e = source.ReadAsync().GetAsyncEnumerator();
        while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            list.Add(e.Current);
        }

        return [.. list];
    }

    private async Task<string> RecordAsync(string name, IEnumerable<Tick> ticks)
    {
        var path = Path.Combine(_dir, name);
        await using var writer = CsvTickWriter.Create(path);
        foreach (var tick in ticks)
        {
            writer.Write(tick);
        }

        return path;
    }

    private static async Task RunAsync(string ticks, string db)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuantPulse:Candles:Timeframes:0"] = "1m",
            ["QuantPulse:Indicators:0:Id"] = "EMA",
            ["QuantPulse:Indicators:0:Params:Period"] = "20",
            ["QuantPulse:Strategies:0:Id"] = "utbot",
            ["QuantPulse:Signals:MinRiskReward"] = "1",
            ["QuantPulse:Simulator:Expiry"] = "04:00:00",
            ["QuantPulse:Sources:Simulated:Enabled"] = "false",
            ["QuantPulse:Sources:Csv:Enabled"] = "true",
            ["QuantPulse:Sources:Csv:Path"] = ticks,
            ["QuantPulse:Sources:Csv:Pacing"] = "AsFastAsPossible",
            ["QuantPulse:Pipeline:LogCandles"] = "false",
            ["QuantPulse:Storage:Path"] = db,
            ["QuantPulse:Storage:FlushInterval"] = "00:00:00.050",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddQuantPulse(config).Services.BuildServiceProvider();

        await provider.GetRequiredService<QuantPulseRuntime>().RunAsync(CancellationToken.None).WaitAsync(Timeout);
    }
}
