using QuantPulse.Storage;
using QuantPulse.Tests.Storage.Postgres;
using QuantPulse.Trading;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Trading;

/// <summary>A paper account survives a restart: open orders, bracket exits, positions, cash and history are reloaded.</summary>
public abstract class PaperBrokerRestartTests
{
    private readonly ManualTimeProvider _time = new(Day);

    protected abstract Task<StorageOptions> StorageAsync();

    [Fact]
    public async Task OpenAsync_AfterARestart_CarriesOnWithTheSameOrdersPositionsAndCash()
    {
        var storage = await StorageAsync();
        var options = new PaperBrokerOptions { Fees = new FeeSchedule(1m, 0m, 0m) };
        string entryId, limitId;
        IReadOnlyList<Order> before;
        Account accountBefore;
        await using (var broker = await PaperBroker.OpenAsync(options, new FeedWatch(_time), storage))
        {
            await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
            var entry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m)
            {
                TakeProfit = 110m,
                StopLoss = 95m,
                ClientOrderId = "bracket-1",
            });
            var limit = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 10m)
            {
                LimitPrice = 90m,
                TimeInForce = TimeInForce.Gtc,
            });
            await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 0.5m) { ClientOrderId = "bad", LimitPrice = 1m });
            await broker.OnTickAsync(Trade("00:00:02", 100.25m, 3m));
            await broker.OnTickAsync(Trade("00:00:03", 100.5m, 0m));
            (entryId, limitId) = (entry.Id, limit.Id);
            before = await broker.GetOrdersAsync(OrderQuery.All);
            accountBefore = await broker.GetAccountAsync();
        }

        await using (var broker = await PaperBroker.OpenAsync(options, new FeedWatch(_time), storage))
        {
            Assert.Equal(before, await broker.GetOrdersAsync(OrderQuery.All));
            Assert.Equal(accountBefore, await broker.GetAccountAsync());
            Assert.Equal("invalid_order: a market order takes no limit_price", (await broker.GetOrdersAsync(new OrderQuery(OrderStatus.Rejected))).Single().RejectReason);

            // Idempotent across the restart.
            var retry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m) { ClientOrderId = "bracket-1" });
            Assert.Equal(entryId, retry.Id);

            await broker.OnTickAsync(Trade("00:00:04", 89m, 0m));

            Assert.Equal(OrderStatus.Filled, (await broker.GetOrderAsync(entryId + "-sl"))!.Status);
            Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(entryId + "-tp"))!.Status);
            Assert.Equal((OrderStatus.Filled, 89m), ((await broker.GetOrderAsync(limitId))!.Status, (await broker.GetOrderAsync(limitId))!.AverageFillPrice));
            var next = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Sell, OrderType.Market, 10m));
            Assert.Equal("paper-000004", next.Id);
        }

        await using (var broker = await PaperBroker.OpenAsync(options, new FeedWatch(_time), storage))
        {
            // Entry 3 @ 100.25 + 7 @ 100.5; at 89 the older limit buys 10 first (20 held), then the stop-loss sells 10.
            var entry = (await broker.GetOrderAsync(entryId))!;
            Assert.Equal(100.425m, entry.AverageFillPrice);
            var position = Assert.Single(await broker.GetPositionsAsync());
            Assert.Equal((10m, 94.7125m), (position.Quantity, position.AveragePrice));
            Assert.Equal((89m - 94.7125m) * 10m, position.RealizedPnl);
            var account = await broker.GetAccountAsync();
            Assert.Equal(3m, account.Fees);
            Assert.Equal(100_000m - 1_004.25m + 890m - 890m - 3m, account.Cash);
            Assert.Single(await broker.GetOrdersAsync(new OrderQuery(OpenOnly: true)));
        }
    }
}

public sealed class SqlitePaperBrokerRestartTests : PaperBrokerRestartTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("quantpulse-trading-");

    public void Dispose() => _folder.Delete(recursive: true);

    protected override Task<StorageOptions> StorageAsync() =>
        Task.FromResult(new StorageOptions { Provider = StorageProvider.Sqlite, Path = Path.Combine(_folder.FullName, "paper.db") });
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPaperBrokerRestartTests(PostgresServer server) : PaperBrokerRestartTests
{
    protected override async Task<StorageOptions> StorageAsync() =>
        new() { Provider = StorageProvider.Postgres, ConnectionString = await server.CreateDatabaseAsync() };
}
