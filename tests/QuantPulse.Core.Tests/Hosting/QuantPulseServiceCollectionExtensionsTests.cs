using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Sources.Csv;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Hosting;

public class QuantPulseServiceCollectionExtensionsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void AddQuantPulse_CalledTwice_RegistersEverythingOnce()
    {
        var services = new ServiceCollection();
        var config = Config();

        services.AddQuantPulse(config);
        var count = services.Count;
        services.AddQuantPulse(config);

        Assert.Equal(count, services.Count);
        using var provider = services.AddLogging().BuildServiceProvider();
        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Equal(["simulated", "csv", "deriv", "binance", "alpaca", "databento"], provider.GetServices<ITickSourceFactory>().Select(f => f.Id));
        Assert.Equal([100, 200, 300, 340, 340, 350, 400], provider.GetServices<IPipelineContributor>().Select(c => c.Order).Order());
    }

    [Fact]
    public void AddQuantPulse_JsonConsoleLogs_WriteTextUnescapedUnlessTheHostChoseAnEncoder()
    {
        using var relaxed = new ServiceCollection().AddLogging().AddQuantPulse(Config()).Services.BuildServiceProvider();
        var own = new ServiceCollection().AddLogging()
            .Configure<JsonConsoleFormatterOptions>(o => o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.Default, Indented = true });
        using var kept = own.AddQuantPulse(Config()).Services.BuildServiceProvider();

        Assert.Same(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, relaxed.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value.JsonWriterOptions.Encoder);
        var hostOptions = kept.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value.JsonWriterOptions;
        Assert.Same(JavaScriptEncoder.Default, hostOptions.Encoder);
        Assert.True(hostOptions.Indented);
    }

    [Fact]
    public void Options_EmptyConfiguration_GetsTheDocumentedDefaults()
    {
        using var provider = new ServiceCollection().AddLogging().AddQuantPulse(Config()).Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value;

        Assert.Equal(["1m", "5m", "15m"], options.Candles.Timeframes);
        Assert.Equal(
            ["EMA(20)", "EMA(50)", "RSI(14)", "ATR(14)", "MACD(12,26,9)", "BB(20,2)"],
            options.Indicators.Select(i => i.ToSpec().ToString()));
        Assert.True(provider.GetRequiredService<IOptions<SimulatedSourceHostOptions>>().Value.Enabled);
        Assert.False(provider.GetRequiredService<IOptions<CsvSourceHostOptions>>().Value.Enabled);
    }

    [Fact]
    public void Options_BoundFromConfiguration_OverrideDefaults()
    {
        var config = Config(
            ("QuantPulse:Candles:Timeframes:0", "5m"),
            ("QuantPulse:Indicators:0:Id", "RSI"),
            ("QuantPulse:Indicators:0:Params:Period", "7"),
            ("QuantPulse:Sources:Simulated:Symbols:0", "SIM_X"),
            ("QuantPulse:Sources:Simulated:TickInterval", "00:00:02"),
            ("QuantPulse:Pipeline:BoundedCapacity", "8"));
        using var provider = new ServiceCollection().AddLogging().AddQuantPulse(config).Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value;

        Assert.Equal(["5m"], options.Candles.Timeframes);
        Assert.Equal("RSI(7)", Assert.Single(options.Indicators).ToSpec().ToString());
        var simulated = provider.GetRequiredService<IOptions<SimulatedSourceHostOptions>>().Value;
        Assert.Equal(["SIM_X"], simulated.Symbols);
        Assert.Equal(TimeSpan.FromSeconds(2), simulated.TickInterval);
        Assert.Equal(8, options.Pipeline.BoundedCapacity);
    }

    [Theory]
    [InlineData("QuantPulse:Candles:Timeframes:0", "2m", "'2m' is not a timeframe")]
    [InlineData("QuantPulse:Indicators:0:Id", "NOPE", "NOPE")]
    [InlineData("QuantPulse:Pipeline:BoundedCapacity", "0", "BoundedCapacity")]
    [InlineData("QuantPulse:Sources:Csv:Enabled", "true", "Path is required")]
    [InlineData("QuantPulse:Pipeline:HeartbeatInterval", "00:00:00", "HeartbeatInterval")]
    [InlineData("QuantPulse:Strategies:0:Id", "macd-magic", "macd-magic")]
    [InlineData("QuantPulse:Signals:StopLossAtr", "-1", "QuantPulse:Signals")]
    [InlineData("QuantPulse:Simulator:MaxOpenTradesPerAsset", "0", "QuantPulse:Simulator")]
    [InlineData("QuantPulse:Storage:Provider", "Postgres", "ConnectionString is required")]
    [InlineData("QuantPulse:Sources:Deriv:Enabled", "true", "QuantPulse:Sources:Deriv")]
    [InlineData("QuantPulse:Sources:Alpaca:Enabled", "true", "QuantPulse:Sources:Alpaca:Symbols")]
    [InlineData("QuantPulse:Sources:Databento:Enabled", "true", "QuantPulse:Sources:Databento:Dataset: give the dataset")]
    public async Task StartAsync_InvalidConfiguration_FailsAtStartWithAClearMessage(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        builder.Services.AddQuantPulse(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CsvSourceFromConfiguration_ProducesCandlesWithIndicatorsAndPublishesUpdates()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qp-hosting-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = CsvTickWriter.Create(path))
            {
                for (var i = 0; i < 600; i++)
                {
                    writer.Write(new Tick("R_TEST", Ticks.Day.AddSeconds(i * 2), 100m + (i % 7), 1m, TickSources.Csv));
                }
            }

            var config = Config(
                ("QuantPulse:Candles:Timeframes:0", "1m"),
                ("QuantPulse:Indicators:0:Id", "EMA"),
                ("QuantPulse:Indicators:0:Params:Period", "3"),
                ("QuantPulse:Sources:Simulated:Enabled", "false"),
                ("QuantPulse:Sources:Csv:Enabled", "true"),
                ("QuantPulse:Sources:Csv:Path", path),
                ("QuantPulse:Sources:Csv:Pacing", "AsFastAsPossible"),
                ("QuantPulse:Pipeline:LogCandles", "false"),
                ("QuantPulse:Storage:Enabled", "false"));
            using var provider = new ServiceCollection().AddLogging().AddQuantPulse(config).Services.BuildServiceProvider();
            var runtime = provider.GetRequiredService<QuantPulseRuntime>();
            var observed = new List<ClosedCandle>();
            var done = new TaskCompletionSource();
            using var subscription = runtime.Updates.Subscribe(new Observer(b => observed.AddRange(b.Candles), () => done.TrySetResult()));

            await runtime.RunAsync(CancellationToken.None).WaitAsync(Timeout);

            // 600 ticks two seconds apart: 20 minutes; the end of the recording closes the last one.
            var history = runtime.Candles!.GetHistory("R_TEST", Timeframe.OneMinute);
            Assert.Equal(20, history.Count);
            Assert.Null(runtime.Candles.GetForming("R_TEST", Timeframe.OneMinute));
            Assert.True(runtime.Pipeline!.Completion.IsCompletedSuccessfully);
            await Eventually.TrueAsync(() => observed.Count == 20);
            Assert.All(observed.Skip(2), c => Assert.NotNull(c.Indicators!["ema_3"]));
            Assert.Null(observed[0].Indicators!["ema_3"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_NoSourceEnabled_ThrowsNamingTheSection()
    {
        var config = Config(("QuantPulse:Sources:Simulated:Enabled", "false"));
        using var provider = new ServiceCollection().AddLogging().AddQuantPulse(config).Services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provider.GetRequiredService<QuantPulseRuntime>().RunAsync(CancellationToken.None));

        Assert.Contains("QuantPulse:Sources", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_SimulatedDefaults_RunsUntilStoppedAndDrains()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(
        [
            new KeyValuePair<string, string?>("QuantPulse:Sources:Simulated:TickInterval", "00:00:00.005"),
            new KeyValuePair<string, string?>("QuantPulse:Storage:Enabled", "false"),
        ]);
        builder.Services.AddQuantPulse(builder.Configuration);
        using var host = builder.Build();
        var runtime = host.Services.GetRequiredService<QuantPulseRuntime>();

        await host.StartAsync();
        await Eventually.TrueAsync(() => runtime.Candles?.Statistics.TicksReceived > 20);
        await host.StopAsync();

        Assert.True(runtime.Pipeline!.Completion.IsCompletedSuccessfully);
        Assert.All(runtime.Candles!.Symbols, s => Assert.StartsWith("SIM_", s, StringComparison.Ordinal));
    }

    private sealed class Observer(Action<MarketBatch> onNext, Action onCompleted) : IObserver<MarketBatch>
    {
        public void OnCompleted() => onCompleted();

        public void OnError(Exception error)
        {
        }

        public void OnNext(MarketBatch value) => onNext(value);
    }
}
