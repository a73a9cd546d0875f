using QuantPulse.Alerts;
using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Tests.Storage.Postgres;

namespace QuantPulse.Tests.Alerts;

/// <summary>The alert tables behave the same on every database.</summary>
public abstract class AlertStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);

    private IMarketStore? _market;

    protected AlertStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = await LocationAsync();
        _market = await MarketStore.OpenAsync(options);
        Store = new AlertStore(options);
    }

    public async Task DisposeAsync()
    {
        if (_market is not null)
        {
            await _market.DisposeAsync();
        }

        await CleanUpAsync();
    }

    protected abstract Task<StorageOptions> LocationAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    [Fact]
    public async Task AddAsync_EveryField_ReadsBackEqual()
    {
        var rule = new AlertRule
        {
            Name = "pair",
            Symbol = "A",
            OtherSymbol = "B",
            Condition = AlertCondition.PairZScore,
            Threshold = 2.5,
            Candles = 60,
            HedgeRatio = 1.25,
            Interval = Timeframe.FiveMinutes,
            Frequency = AlertFrequency.Once,
            Cooldown = TimeSpan.FromSeconds(90),
            Expires = T0,
            Origin = AlertOrigins.Configuration,
        };
        var indicator = new AlertRule { Name = "rsi", Symbol = "A", Condition = AlertCondition.CrossingDown, Indicator = "rsi_14", Level = 30, Enabled = false };

        var stored = await Store.AddAsync(rule);
        var second = await Store.AddAsync(indicator);

        Assert.True(stored.Id > 0);
        Assert.True(second.Id > stored.Id);
        Assert.Equal([stored with { Expires = StorageTime.Truncate(T0) }, second], await Store.ListAsync());
        Assert.Equal(second, await Store.GetAsync(second.Id));
        Assert.Null(await Store.GetAsync(second.Id + 100));
    }

    [Fact]
    public async Task UpdateAndDelete_ChangeOnlyTheirRule()
    {
        var a = await Store.AddAsync(new AlertRule { Name = "a", Symbol = "R_100", Condition = AlertCondition.GreaterThan, Level = 100 });
        var b = await Store.AddAsync(new AlertRule { Name = "b", Symbol = "R_100", Condition = AlertCondition.LessThan, Level = 90 });

        Assert.True(await Store.UpdateAsync(a with { Level = 105, Enabled = false }));
        Assert.False(await Store.UpdateAsync(a with { Id = b.Id + 100 }));
        Assert.True(await Store.DeleteAsync(b.Id));
        Assert.False(await Store.DeleteAsync(b.Id));

        Assert.Equal([a with { Level = 105, Enabled = false }], await Store.ListAsync());
    }

    [Fact]
    public async Task Triggers_StoredWithTheirTimesAndDelivery_ReadNewestFirstSince()
    {
        var first = await Store.AddTriggerAsync(Trigger(T0, null));
        var second = await Store.AddTriggerAsync(Trigger(T0.AddMinutes(1), T0) with { Delivery = AlertDelivery.Pending });
        var third = await Store.AddTriggerAsync(Trigger(T0.AddMinutes(2), null));

        await Store.SetDeliveryAsync(second.Id, AlertDelivery.Failed, 5, "HTTP 500 Internal Server Error");

        var all = await Store.TriggersAsync(null, 10);
        Assert.Equal([third.Id, second.Id, first.Id], all.Select(t => t.Id));
        Assert.Equal(StorageTime.Truncate(T0.AddMinutes(1)), all[1].Time);
        Assert.Equal(StorageTime.Truncate(T0), all[1].CandleOpenTime);
        Assert.Equal((AlertDelivery.Failed, 5, "HTTP 500 Internal Server Error"), (all[1].Delivery, all[1].DeliveryAttempts, all[1].DeliveryError));
        Assert.Equal((AlertDelivery.None, 0, (string?)null), (all[0].Delivery, all[0].DeliveryAttempts, all[0].DeliveryError));
        Assert.Equal(1234.5678, all[0].Value);
        Assert.Equal(AlertCondition.CrossingUp, all[0].Condition);
        Assert.Equal([third.Id, second.Id], (await Store.TriggersAsync(StorageTime.Truncate(T0.AddMinutes(1)), 10)).Select(t => t.Id));
        Assert.Equal([third.Id], (await Store.TriggersAsync(null, 1)).Select(t => t.Id));
    }

    private static AlertTrigger Trigger(DateTimeOffset time, DateTimeOffset? open) =>
        new(7, "cross", "R_100", AlertCondition.CrossingUp, 1234.5678, 1234, time, open, "R_100 price crossing_up 1234: 1234.5678");
}

public sealed class SqliteAlertStoreTests : AlertStoreContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qp-alerts-").FullName;

    protected override Task<StorageOptions> LocationAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Sqlite, Path = Path.Combine(_directory, "alerts.db") });

    protected override Task CleanUpAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertStoreTests(PostgresServer server) : AlertStoreContractTests
{
    protected override async Task<StorageOptions> LocationAsync() =>
        new() { Provider = StorageProvider.Postgres, ConnectionString = await server.CreateDatabaseAsync() };
}
