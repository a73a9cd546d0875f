using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Storage;
using QuantPulse.Storage.Sqlite;
using QuantPulse.Tests.Storage;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Pipeline;

public sealed class MarketPipelineSinkTests : IDisposable
{
    private static readonly TimeSpan Timeout = Eventually.HangTimeout;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quantpulse-pipeline-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "market.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_WithSqliteSink_ReturnsOnlyOnceEveryCandleAndTickIsStored()
    {
        await using var store = await SqliteMarketStore.OpenAsync(DatabasePath);
        var sink = new SinkBlock(store, new SinkBlockOptions { StoreTicks = true, BatchSize = 256 });
        var candles = new List<Candle>();
        var ticks = 0;
        var pipeline = new MarketPipelineBuilder(Market(3_000))
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true })
            .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
            .OnBatch((batch, _) =>
            {
                ticks += batch.Ticks.Length;
                candles.AddRange(batch.Candles.Select(c => c.Candle));
                return ValueTask.CompletedTask;
            })
            .WithSink(sink)
            .Build();

        await pipeline.RunAsync().WaitAsync(Timeout);

        Assert.True(sink.Completion.IsCompletedSuccessfully);
        Assert.Equal([sink], pipeline.Sinks);
        Assert.Equal(candles.Count, sink.Statistics.CandlesWritten);
        foreach (var series in candles.GroupBy(c => (c.Symbol, c.Timeframe)))
        {
            var stored = await store.Candles.GetRangeAsync(series.Key.Symbol, series.Key.Timeframe, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1));
            Assert.Equal(series, stored);
        }

        Assert.Equal(3_000 * 2, ticks);
        Assert.Equal(ticks, sink.Statistics.TicksWritten);
    }

    [Fact]
    public async Task RunAsync_SameRecordingTwiceIntoOneDatabase_StoresEachCandleOnce()
    {
        var first = await RunIntoDatabaseAsync();
        var second = await RunIntoDatabaseAsync();

        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public async Task RunAsync_SinkGivesUp_RethrowsTheStoreErrorAndStopsTheSource()
    {
        var error = new IOException("database gone for good");
        var store = new FakeMarketStore { Failure = (_, _) => error };
        var sink = new SinkBlock(store, new SinkBlockOptions { MaxRetryAttempts = 0, BatchSize = 1 });
        var source = new ScriptedTickSource();
        source.Write(Ticks.Trade("00:00:01", 100m), Ticks.Trade("00:01:01", 101m), Ticks.Trade("00:02:01", 102m));
        var pipeline = new MarketPipelineBuilder(source).WithSink(sink).Build();

        // The source never ends by itself: only the sink's fault can stop the run.
        var thrown = await Assert.ThrowsAsync<IOException>(() => pipeline.RunAsync().WaitAsync(Timeout));

        Assert.Same(error, thrown);
        Assert.True(pipeline.Completion.IsFaulted);
    }

    [Fact]
    public async Task RunAsync_ConsumerThrows_SinkStillWritesWhatItAcceptedAndTheConsumerErrorSurfaces()
    {
        var store = new FakeMarketStore();
        var sink = new SinkBlock(store);
        var boom = new FormatException("consumer failed");
        var batches = 0;
        var pipeline = new MarketPipelineBuilder(Market(2_000))
            .OnBatch((batch, _) => batch.Candles.Count > 0 && ++batches == 3 ? throw boom : ValueTask.CompletedTask)
            .WithSink(sink)
            .Build();

        var thrown = await Assert.ThrowsAsync<FormatException>(() => pipeline.RunAsync().WaitAsync(Timeout));

        Assert.Same(boom, thrown);
        Assert.True(sink.Completion.IsCompletedSuccessfully);
        Assert.True(store.CandleCount > 0);
        Assert.Equal(store.CandleCount, sink.Statistics.CandlesWritten);
    }

    [Fact]
    public void WithSink_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new MarketPipelineBuilder(Market(1)).WithSink(null!));
    }

    private static SimulatedMarketSource Market(int ticksPerSymbol) => new(new SimulatedSourceOptions
    {
        Symbols = ["SIM_A", "SIM_B"],
        Seed = 11,
        TicksPerSymbol = ticksPerSymbol,
        TickInterval = TimeSpan.FromSeconds(2),
        StartTime = Ticks.Day,
        Pacing = TickPacing.AsFastAsPossible,
    });

    private async Task<IReadOnlyList<Candle>> RunIntoDatabaseAsync()
    {
        await using var store = await SqliteMarketStore.OpenAsync(DatabasePath);
        var sink = new SinkBlock(store);
        var pipeline = new MarketPipelineBuilder(Market(1_000))
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true })
            .WithSink(sink)
            .Build();
        await pipeline.RunAsync().WaitAsync(Timeout);
        return await store.Candles.GetRangeAsync("SIM_A", Timeframe.OneMinute, DateTimeOffset.UnixEpoch, Ticks.Day.AddYears(1));
    }
}
