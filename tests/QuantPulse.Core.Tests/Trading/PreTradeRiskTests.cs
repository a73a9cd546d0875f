using QuantPulse.Trading;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Trading;

/// <summary>Every pre-trade rule refuses an order with a reason that names it.</summary>
public sealed class PreTradeRiskTests
{
    private readonly ManualTimeProvider _time = new(Day);

    [Theory]
    [InlineData("max_position_size", 12, null)]
    [InlineData("max_notional", 5, null)]
    [InlineData("symbol_allow_list", 1, "OTHER")]
    [InlineData("invalid_order", 0, null)]
    public async Task PlaceOrderAsync_OverALimit_IsRejectedNamingTheRule(string rule, int quantity, string? symbol)
    {
        var limits = new RiskLimits { MaxPositionSize = 10m, MaxNotional = 400m, AllowedSymbols = ["R_100"] };
        await using var broker = await PaperBroker.OpenAsync(new PaperBrokerOptions { Risk = limits }, new FeedWatch(_time));
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m, symbol ?? "R_100"));

        var order = await broker.PlaceOrderAsync(new OrderRequest(symbol ?? "R_100", OrderSide.Buy, OrderType.Market, quantity));

        Assert.Equal(OrderStatus.Rejected, order.Status);
        Assert.StartsWith(rule + ": ", order.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceOrderAsync_FeedQuieterThanTheWindow_IsRejectedAsStale()
    {
        await using var broker = await PaperBroker.OpenAsync(
            new PaperBrokerOptions { Risk = new RiskLimits { StaleAfter = TimeSpan.FromSeconds(5) } }, new FeedWatch(_time));
        var never = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 1m));
        await broker.OnTickAsync(Trade("00:00:00", 100m, 0m));
        _time.Advance(TimeSpan.FromSeconds(5));
        var fresh = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 1m));
        _time.Advance(TimeSpan.FromSeconds(1));
        var stale = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 1m));

        Assert.Equal("stale_feed: no tick for R_100 yet", never.RejectReason);
        Assert.Equal(OrderStatus.Accepted, fresh.Status);
        Assert.Equal("stale_feed: no tick for R_100 for 6 s (limit 5 s)", stale.RejectReason);
    }

    [Fact]
    public async Task PlaceOrderAsync_TooManyOpenOrders_IsRejected()
    {
        await using var broker = await PaperBroker.OpenAsync(
            new PaperBrokerOptions { Risk = new RiskLimits { MaxOpenOrders = 1 } }, new FeedWatch(_time));
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var first = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m });
        var second = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m });

        Assert.Equal(OrderStatus.Accepted, first.Status);
        Assert.Equal("max_open_orders: 1 orders are open (limit 1)", second.RejectReason);
    }

    [Theory]
    [InlineData(OrderType.Limit, null, null, null, null, "a limit order needs limit_price")]
    [InlineData(OrderType.Market, 99.0, null, null, null, "a market order takes no limit_price")]
    [InlineData(OrderType.Stop, null, null, null, null, "a stop order needs stop_price")]
    [InlineData(OrderType.Market, null, null, 95.0, 105.0, "a buy bracket needs take_profit above stop_loss")]
    [InlineData(OrderType.Market, null, null, 99.0, null, "take_profit 99 is on the wrong side of the entry 100")]
    [InlineData(OrderType.Limit, 98.0, null, null, 99.0, "stop_loss 99 is on the wrong side of the entry 98")]
    public void Validate_MalformedBuy_SaysWhatIsWrong(OrderType type, double? limit, double? stop, double? takeProfit, double? stopLoss, string expected)
    {
        var request = new OrderRequest("R_100", OrderSide.Buy, type, 1m)
        {
            LimitPrice = (decimal?)limit,
            StopPrice = (decimal?)stop,
            TakeProfit = (decimal?)takeProfit,
            StopLoss = (decimal?)stopLoss,
        };

        Assert.Equal("invalid_order: " + expected, PreTradeRisk.Validate(request, 100m));
    }
}
