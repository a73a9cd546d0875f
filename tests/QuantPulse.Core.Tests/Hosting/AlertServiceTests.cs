using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Alerts;
using QuantPulse.Hosting;
using QuantPulse.Pipeline;
using QuantPulse.Tests.Pipeline;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Hosting;

/// <summary>The host's alerts: configuration rules, the pipeline, the stored triggers and a failing webhook.</summary>
public sealed class AlertServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qp-alert-service-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Pipeline_WebhookAlwaysFailing_RunsToTheEndAndStoresEveryTriggerAsPending()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(503);
        }));
        var options = Options(webhook: new Uri(server.HttpBase, "hook").ToString());
        options.Alerts.Rules.Add(new AlertRuleOptions { Name = "every", Symbol = "SIM_A", Condition = "greater_than", Level = 1, Frequency = "every_time" });
        options.Alerts.Rules.Add(new AlertRuleOptions { Name = "first", Symbol = "SIM_A", Condition = "greater_than", Level = 1, Frequency = "once" });

        // The back-off waits on a clock that never moves: every delivery stays in its first retry wait.
        var (service, stores) = Create(options, new ManualTimeProvider(Ticks.Day));
        var seen = new List<AlertTrigger>();
        using (service.Subscribe(new Observer(seen.Add)))
        {
            var builder = new MarketPipelineBuilder(MarketPipelineTests.FastMarket(40, "SIM_A", "SIM_B"));
            await service.ContributeAsync(builder, CancellationToken.None);
            await builder.Build().RunAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(41, seen.Count);
        Assert.Equal(41, service.Fired);
        await Eventually.TrueAsync(() => service.Stored == 41, "every trigger is stored");
        var stored = await service.TriggersAsync(null, 100);
        Assert.Equal(41, stored.Count);
        Assert.All(stored, t => Assert.Equal(AlertDelivery.Pending, t.Delivery));
        Assert.Equal(Ticks.Day, stored[^1].Time);
        var rules = await service.ListAsync();
        Assert.Equal(["every", "first"], rules.Select(r => r.Name));
        Assert.All(rules, r => Assert.Equal(AlertOrigins.Configuration, r.Origin));
        Assert.False(rules[1].Enabled, "a rule that fires once is disabled after it fired");
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) > 0, "the webhook was called");

        await service.DisposeAsync();
        await stores.DisposeAsync();
    }

    [Fact]
    public async Task Start_ConfigurationChanged_UpdatesAddsAndDeletesOnlyConfigurationRules()
    {
        var first = Options();
        first.Alerts.Rules.Add(new AlertRuleOptions { Name = "kept", Symbol = "R_100", Condition = "crossing", Level = 100 });
        first.Alerts.Rules.Add(new AlertRuleOptions { Name = "dropped", Symbol = "R_100", Condition = "crossing", Level = 100 });
        var (service, stores) = Create(first, TimeProvider.System);
        var mine = await service.CreateAsync(new AlertRule { Name = "mine", Symbol = "R_50", Condition = AlertCondition.LessThan, Level = 5 });
        var before = await service.ListAsync();
        await service.DisposeAsync();
        await stores.DisposeAsync();

        var second = Options();
        second.Alerts.Rules.Add(new AlertRuleOptions { Name = "kept", Symbol = "R_100", Condition = "crossing", Level = 101 });
        second.Alerts.Rules.Add(new AlertRuleOptions { Name = "new", Symbol = "R_25", Condition = "volume_spike", Factor = 3, Candles = 20 });
        (service, stores) = Create(second, TimeProvider.System);
        var after = await service.ListAsync();

        Assert.Equal(["kept", "dropped", "mine"], before.Select(r => r.Name));
        Assert.Equal(["kept", "mine", "new"], after.Select(r => r.Name));
        Assert.Equal(before[0].Id, after[0].Id);
        Assert.Equal(101, after[0].Level);
        Assert.Equal(mine, after[1]);
        Assert.Equal(AlertOrigins.Api, after[1].Origin);
        await service.DisposeAsync();
        await stores.DisposeAsync();
    }

    [Fact]
    public async Task CreateAndUpdate_InvalidRule_ThrowNamingTheField()
    {
        var (service, stores) = Create(Options(), TimeProvider.System);
        var rule = await service.CreateAsync(new AlertRule { Symbol = "R_100", Condition = AlertCondition.GreaterThan, Level = 5 });

        var create = await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync(new AlertRule { Symbol = "R_100", Condition = AlertCondition.VolumeSpike }));
        var update = await Assert.ThrowsAsync<ArgumentException>(() => service.UpdateAsync(rule.Id, r => r with { Level = double.NaN }));

        Assert.Contains("'factor'", create.Message);
        Assert.Contains("'level'", update.Message);
        Assert.Null(await service.UpdateAsync(rule.Id + 1, r => r));
        Assert.Equal(5, (await service.GetAsync(rule.Id))!.Level);
        await service.DisposeAsync();
        await stores.DisposeAsync();
    }

    [Fact]
    public void Validate_BadConfigurationRules_ReportEachByKey()
    {
        var options = new AlertHostOptions();
        options.Rules.Add(new AlertRuleOptions { Symbol = "R_100", Condition = "crossing", Level = 1 });
        options.Rules.Add(new AlertRuleOptions { Name = "a", Symbol = "R_100", Condition = "sideways", Level = 1 });
        options.Rules.Add(new AlertRuleOptions { Name = "b", Symbol = "R_100", Condition = "crossing", Level = 1, Frequency = "sometimes" });
        options.Webhook.Url = "not a url";

        Assert.Equal(
            [
                "QuantPulse:Alerts:Webhook:Url: 'not a url' is not an absolute http or https address.",
                "QuantPulse:Alerts:Rules:0: 'Name' is required for a rule declared in configuration.",
                "QuantPulse:Alerts:Rules:1 (a): 'condition' must be one of greater_than, less_than, crossing, crossing_up, crossing_down, moving_up_pct, moving_down_pct, volume_spike, pair_zscore.",
                "QuantPulse:Alerts:Rules:2 (b): 'frequency' must be one of once, once_per_bar, every_time.",
            ],
            options.Validate());
    }

    private QuantPulseOptions Options(string? webhook = null)
    {
        var options = new QuantPulseOptions { DataDirectory = _dir };
        options.Alerts.Webhook.Url = webhook;
        options.Alerts.Webhook.InitialDelay = TimeSpan.FromHours(1);
        options.Alerts.Webhook.MaxDelay = TimeSpan.FromHours(1);
        return options;
    }

    private static (AlertService Service, MarketStoreProvider Stores) Create(QuantPulseOptions options, TimeProvider time)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var sqlite = new SqliteStoreFactory(
            Microsoft.Extensions.Options.Options.Create(new SqliteStorageHostOptions { Path = "alerts.db" }), wrapped, NullLoggerFactory.Instance);
        var stores = new MarketStoreProvider(wrapped, [new MarketStoreRegistration("Sqlite", typeof(SqliteStoreFactory))], [sqlite], time, NullLoggerFactory.Instance);
        return (new AlertService(wrapped, stores, time, NullLoggerFactory.Instance), stores);
    }

    private sealed class Observer(Action<AlertTrigger> next) : IObserver<AlertTrigger>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(AlertTrigger value) => next(value);
    }
}
