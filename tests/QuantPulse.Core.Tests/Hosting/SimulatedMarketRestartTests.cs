using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Hosting;

/// <summary>The configured simulated market: history on start, and a restart that resumes where storage left off.</summary>
public sealed class SimulatedMarketRestartTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("qp-simrestart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_EmbeddedDefaults_HistoryGivesCandlesSignalsAndTradesAtOnce()
    {
        var db = Path.Combine(_dir, "defaults.db");

        await RunUntilLiveAsync(new ManualTimeProvider(Now), db);

        await using var store = await MarketStore.OpenAsync(new StorageOptions { Path = db });
        var candles = await store.Candles.GetRangeAsync("SIM_V100", Timeframe.OneMinute, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(Now.AddDays(-1), candles[0].OpenTime);
        Assert.Equal(1440, candles.Count); // a day of minutes, the last closed by the first live tick at "now"
        Assert.NotEmpty(await store.Signals.GetRangeAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.NotEmpty(await store.Trades.GetRangeAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task RunAsync_Restart_ResumesEachSymbolFromItsLastStoredPriceAndTime()
    {
        var db = Path.Combine(_dir, "resume.db");
        await RunUntilLiveAsync(new ManualTimeProvider(Now), db, ("QuantPulse:Sources:Simulated:History", "02:00:00"));
        Candle lastBefore;
        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = db }))
        {
            lastBefore = (await store.Candles.GetLatestAsync("SIM_V100", Timeframe.OneMinute))!;
        }

        // Ten minutes later, with another start price: a resumed market must not jump to it.
        await RunUntilLiveAsync(
            new ManualTimeProvider(Now.AddMinutes(10)),
            db,
            ("QuantPulse:Sources:Simulated:History", "02:00:00"),
            ("QuantPulse:Sources:Simulated:StartPrice", "5000"));

        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = db }))
        {
            var candles = await store.Candles.GetRangeAsync("SIM_V100", Timeframe.OneMinute, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            Assert.Equal(Now.AddHours(-2), candles[0].OpenTime);
            Assert.Equal(Now.AddMinutes(-1), lastBefore.OpenTime);
            Assert.Equal(130, candles.Count); // two hours, then the ten minutes from the stored close up to the new now
            var next = candles.Single(c => c.OpenTime == Now); // the first minute the restarted market generated
            Assert.InRange(next.Open, lastBefore.Close * 0.98m, lastBefore.Close * 1.02m);
            Assert.All(candles, c => Assert.True(c.High < 2000m));

            // Each start is a run of its own, recorded and attributed.
            var runs = await store.Runs.GetAllAsync();
            Assert.Equal(2, runs.Count);
            Assert.All(runs, r => Assert.Equal(("live", RunStatus.Completed), (r.Command, r.Status)));
            Assert.Equal([Now, Now.AddMinutes(10)], runs.Select(r => r.Started));
            Assert.All(runs, r => Assert.Matches(@"^live-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{8}$", r.Id));
        }
    }

    [Fact]
    public async Task RunAsync_ReloadedTradeOnASymbolNoLongerConfigured_ClosesItAsExpiredAtStartUp()
    {
        var db = Path.Combine(_dir, "orphan.db");
        var orphan = new Trade("trade:gone", "gone", "SIM_GONE", SignalType.Sell, 1003.03m, 1010m, 990m, Now.AddHours(-3));
        var waiting = new Trade("trade:young", "young", "SIM_GONE", SignalType.Buy, 1000m, 990m, 1010m, Now.AddMinutes(-5));
        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = db }))
        {
            await store.Trades.UpsertAsync([orphan, waiting]);
        }

        await RunUntilLiveAsync(new ManualTimeProvider(Now), db, ("QuantPulse:Sources:Simulated:History", "00:10:00"));

        await using (var store = await MarketStore.OpenAsync(new StorageOptions { Path = db }))
        {
            Assert.Empty(await store.Trades.GetOpenTradesAsync());
            var expired = (await store.Trades.GetAsync(orphan.Id))!;
            Assert.Equal((TradeResult.Expired, Now.AddHours(-2), 1003.03m), (expired.Result, expired.CloseTime, expired.ClosePrice));
            var young = (await store.Trades.GetAsync(waiting.Id))!;
            Assert.Equal((TradeResult.Expired, Now), (young.Result, young.CloseTime)); // not expired yet: closed at start-up
        }
    }

    private async Task RunUntilLiveAsync(ManualTimeProvider clock, string db, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["QuantPulse:Pipeline:LogCandles"] = "false",
            ["QuantPulse:Storage:Path"] = db,
            ["QuantPulse:Storage:FlushInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        await using var provider = services.AddQuantPulse(config).Services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<QuantPulseRuntime>();
        using var stop = new CancellationTokenSource();

        var run = runtime.RunAsync(stop.Token);
        await Eventually.TrueAsync(
            () => run.IsCompleted || (runtime.Sources is [SimulatedMarketSource { Status.State: ConnectionState.Live } source]
                && runtime.Candles!.Statistics.TicksReceived == source.Statistics.Accepted),
            "history handed to the pipeline");
        await stop.CancelAsync();
        await run.WaitAsync(Eventually.HangTimeout);
    }
}
