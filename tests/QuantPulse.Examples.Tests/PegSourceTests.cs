using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Examples;

/// <summary>The custom source of docs/architecture.md, plugged in from outside the library through the host registration.</summary>
public class PegSourceTests
{
    private static ServiceProvider Host(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging();

        // The two registration lines of docs/architecture.md.
        services.AddQuantPulse(configuration).AddTickSource<PegSourceFactory, PegSourceHostOptions>("Peg", (section, o) => section.Bind(o));
        services.AddOptions<PegSourceHostOptions>().Validate(o => o.Rate > 0, "QuantPulse:Sources:Peg:Rate must be positive.");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task RunAsync_PegSourceEnabledByConfiguration_FeedsThePipeline()
    {
        using var provider = Host(
            ("QuantPulse:Sources:Simulated:Enabled", "false"),
            ("QuantPulse:Storage:Enabled", "false"),
            ("QuantPulse:Sources:Peg:Enabled", "true"),
            ("QuantPulse:Sources:Peg:Symbol", "USDAED"),
            ("QuantPulse:Sources:Peg:Rate", "3.6725"),
            ("QuantPulse:Sources:Peg:Interval", "00:00:00.001"));
        var runtime = provider.GetRequiredService<QuantPulseRuntime>();
        var ticks = new List<Tick>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var subscription = runtime.Updates.Subscribe(new Observer(batch =>
        {
            lock (ticks)
            {
                ticks.AddRange(batch.Ticks.ToArray());
                if (ticks.Count >= 3)
                {
                    stop.Cancel();
                }
            }
        }));

        await runtime.RunAsync(stop.Token);

        lock (ticks)
        {
            Assert.True(ticks.Count >= 3, $"{ticks.Count} ticks reached the pipeline before the time limit.");
            Assert.All(ticks, t => Assert.Equal(("USDAED", 3.6725m, "peg"), (t.Symbol, t.Price, t.Source)));
        }

        Assert.Equal("peg", Assert.Single(runtime.Sources).Name);
        Assert.Equal("peg", provider.GetRequiredService<SourceMonitor>().GetConfiguredSymbols()["USDAED"]);
    }

    [Fact]
    public void Options_InvalidPegRate_ReportedAtStartWithTheOtherKeys()
    {
        using var provider = Host(
            ("QuantPulse:Sources:Peg:Rate", "0"),
            ("QuantPulse:Sources:Peg:Interval", "soon"),
            ("QuantPulse:Pipeline:BoundedCapacity", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value);

        Assert.Equal(
            [
                "QuantPulse:Pipeline:BoundedCapacity must be between 1 and 100000.",
                "QuantPulse:Sources:Peg:Interval: 'soon' is not a duration ([d.]hh:mm:ss[.fff], for example 00:00:01).",
                "QuantPulse:Sources:Peg:Rate must be positive.",
            ],
            error.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Docs_ArchitecturePage_ShowsThisExampleVerbatim()
    {
        var code = Repository.Read("tests", "QuantPulse.Examples.Tests", "PegSource.cs");
        var docs = Repository.Read("docs", "architecture.md");
        var example = code[code.IndexOf("public sealed class", StringComparison.Ordinal)..].TrimEnd();

        Assert.Contains(example, docs, StringComparison.Ordinal);
        Assert.Contains("AddTickSource<PegSourceFactory, PegSourceHostOptions>(\"Peg\", (section, o) => section.Bind(o));", docs, StringComparison.Ordinal);
        Assert.True(example.Split('\n').Length < 40, "The example must stay under 40 lines.");
    }

    private sealed class Observer(Action<MarketBatch> onNext) : IObserver<MarketBatch>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(MarketBatch value) => onNext(value);
    }
}
