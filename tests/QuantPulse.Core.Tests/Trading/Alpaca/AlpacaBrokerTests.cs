using QuantPulse.Model;
using QuantPulse.Tests.Testing;
using QuantPulse.Trading;
using QuantPulse.Trading.Alpaca;

namespace QuantPulse.Tests.Trading.Alpaca;

/// <summary>The Alpaca broker against a local server that follows Alpaca's documented paper trading API.</summary>
public sealed class AlpacaBrokerTests : IAsyncLifetime
{
    private readonly FeedWatch _feed = new();
    private FakeAlpaca _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpaca.StartAsync();
        _feed.Observe(new Tick("AAPL", DateTimeOffset.UtcNow, 100m, 1m, "alpaca"));
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task PlaceOrderAsync_Bracket_SendsItAndReadsTheOrderWithItsLegs()
    {
        await using var broker = Broker();

        var order = await broker.PlaceOrderAsync(new OrderRequest("AAPL", OrderSide.Buy, OrderType.Limit, 5m)
        {
            LimitPrice = 100.25m,
            TimeInForce = TimeInForce.Gtc,
            TakeProfit = 110m,
            StopLoss = 95m,
            ClientOrderId = "qp-1",
        });

        Assert.Equal(("ord-1", "qp-1", OrderStatus.Accepted, 5m, 100.25m), (order.Id, order.ClientOrderId, order.Status, order.Quantity, order.LimitPrice));
        Assert.Equal((110m, 95m), (order.TakeProfit, order.StopLoss));
        var all = await broker.GetOrdersAsync(OrderQuery.All);
        Assert.Equal(["ord-1", "ord-1-tp", "ord-1-sl"], all.Select(o => o.Id));
        Assert.Equal((OrderLeg.StopLoss, OrderType.Stop, 95m, "ord-1"), (all[2].Leg, all[2].Type, all[2].StopPrice, all[2].ParentId));
    }

    [Fact]
    public async Task PlaceOrderAsync_SameClientOrderIdAgain_ReturnsTheOrderAlpacaHas()
    {
        await using var broker = Broker();
        var request = new OrderRequest("AAPL", OrderSide.Buy, OrderType.Market, 1m) { ClientOrderId = "retry" };

        var first = await broker.PlaceOrderAsync(request);
        var second = await broker.PlaceOrderAsync(request);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await broker.GetOrdersAsync(OrderQuery.All));
    }

    [Fact]
    public async Task PlaceOrderAsync_RefusedByAlpaca_IsRejectedWithItsMessage()
    {
        await using var broker = Broker();

        var order = await broker.PlaceOrderAsync(new OrderRequest("AAPL", OrderSide.Buy, OrderType.Market, 5000m));

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.Equal("venue: insufficient buying power (code 40310000) (HTTP 403)", order.RejectReason);
    }

    [Fact]
    public async Task PlaceOrderAsync_RefusedByARiskRule_NeverReachesAlpaca()
    {
        await using var broker = Broker(new RiskLimits { AllowedSymbols = ["AAPL"] });
        var before = _fake.Requests;

        var order = await broker.PlaceOrderAsync(new OrderRequest("MSFT", OrderSide.Buy, OrderType.Market, 1m));

        Assert.Equal("symbol_allow_list: MSFT is not on the allow-list", order.RejectReason);
        Assert.StartsWith("local-", order.Id, StringComparison.Ordinal);
        Assert.Equal(before, _fake.Requests);
    }

    [Fact]
    public async Task PlaceOrderAsync_RateLimitedOnce_RetriesAndPlaces()
    {
        await using var broker = Broker();
        _fake.RateLimitedPosts = 1;

        var order = await broker.PlaceOrderAsync(new OrderRequest("AAPL", OrderSide.Sell, OrderType.Market, 1m));

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(0, _fake.RateLimitedPosts);
    }

    [Fact]
    public async Task PlaceOrderAsync_RateLimitedThroughEveryRetry_ThrowsNaming429()
    {
        await using var broker = Broker();
        _fake.RateLimitedPosts = 100;

        var error = await Assert.ThrowsAsync<AlpacaException>(() => broker.PlaceOrderAsync(new OrderRequest("AAPL", OrderSide.Buy, OrderType.Market, 1m)));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(100 - 4, _fake.RateLimitedPosts);
    }

    [Fact]
    public async Task Calls_WrongKeys_ThrowNaming401()
    {
        await using var wrong = new AlpacaBroker(new AlpacaBrokerOptions { TradingBaseUrl = _fake.HttpBase, StreamUrl = _fake.StreamUrl, KeyId = "nope", SecretKey = "nope" }, _feed);

        var error = await Assert.ThrowsAsync<AlpacaException>(() => wrong.GetAccountAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("request is not authorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOrderAsync_OpenFilledAndUnknown_AnswerAsAlpacaDoes()
    {
        await using var broker = Broker();
        var open = await broker.PlaceOrderAsync(new OrderRequest("AAPL", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m });

        var canceled = await broker.CancelOrderAsync(open.Id);

        Assert.Equal(OrderStatus.Canceled, canceled!.Status);
        Assert.Null(await broker.CancelOrderAsync("ord-404"));
    }

    [Fact]
    public async Task GetPositionsAndAccount_AlpacaStrings_AreReadAsExactDecimals()
    {
        await using var broker = Broker();

        var positions = await broker.GetPositionsAsync();
        var account = await broker.GetAccountAsync();

        Assert.Equal([new Position("AAPL", 5m, 100.5m, 0m, 101m), new Position("TSLA", -2m, 250m, 0m, 245m)], positions);
        Assert.Equal(new Account(99000.5m, 99015.5m, 0m, 12.5m, 0m, "USD"), account);
    }

    [Fact]
    public async Task StartStreaming_FillOnTradeUpdates_PublishesTheFilledOrder()
    {
        await using var broker = Broker();
        var updates = new List<Order>();
        using var subscription = broker.OrderUpdates.Subscribe(new OrderObserver(o => { lock (updates) { updates.Add(o); } }));
        broker.StartStreaming();
        await Eventually.TrueAsync(() => _fake.StreamListening && broker.StreamState == "listening", "the stream listens");
        var order = await broker.PlaceOrderAsync(new OrderRequest("AAPL", OrderSide.Buy, OrderType.Market, 5m));

        await _fake.FillAsync(order.Id, 100.5m);

        await Eventually.TrueAsync(() => { lock (updates) { return updates.Any(o => o.Status == OrderStatus.Filled); } }, "the fill arrives");
        var filled = updates.Last();
        Assert.Equal((order.Id, 5m, 100.5m), (filled.Id, filled.FilledQuantity, filled.AverageFillPrice));
    }

    [Fact]
    public async Task StartStreaming_WrongKeys_SaysUnauthorized()
    {
        await using var broker = new AlpacaBroker(new AlpacaBrokerOptions { TradingBaseUrl = _fake.HttpBase, StreamUrl = _fake.StreamUrl, KeyId = "nope", SecretKey = "nope" }, _feed);

        broker.StartStreaming();

        await Eventually.TrueAsync(() => broker.StreamState == "unauthorized", "the stream reports unauthorized");
    }

    [Fact]
    public void Constructor_NoKeys_SaysWhichVariablesToSet()
    {
        var error = Assert.Throws<ArgumentException>(() => new AlpacaBroker(new AlpacaBrokerOptions { KeyId = "", SecretKey = "" }, _feed));

        Assert.Contains("APCA-API-KEY-ID", error.Message, StringComparison.Ordinal);
    }

    private AlpacaBrokerOptions Options(RiskLimits? risk = null) => new()
    {
        TradingBaseUrl = _fake.HttpBase,
        StreamUrl = _fake.StreamUrl,
        KeyId = FakeAlpaca.Key,
        SecretKey = FakeAlpaca.Secret,
        Risk = risk ?? new RiskLimits(),
    };

    private AlpacaBroker Broker(RiskLimits? risk = null) => new(Options(risk), _feed);
}
