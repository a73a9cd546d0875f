using QuantPulse.Trading;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Trading;

/// <summary>The paper broker's fill rules, fees, slippage, partial fills, brackets and P&amp;L on scripted ticks.</summary>
public sealed class PaperBrokerTests
{
    private readonly ManualTimeProvider _time = new(Day);

    [Fact]
    public async Task PlaceOrderAsync_Market_FillsAtTheNextTickNotTheLastOne()
    {
        await using var broker = await Open();
        await Tick("00:00:01", 100m);
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m));
        Assert.Equal(OrderStatus.Accepted, order.Status);

        await Tick("00:00:02", 101m);

        var filled = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.Filled, filled!.Status);
        Assert.Equal(101m, filled.AverageFillPrice);
        Assert.Equal(10m, filled.FilledQuantity);
        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal(new Position("R_100", 10m, 101m, 0m, 101m), position);
        Assert.Equal(100_000m - 1_010m, (await broker.GetAccountAsync()).Cash);

        async Task Tick(string at, decimal price) => await broker.OnTickAsync(Trade(at, price, 0m));
    }

    [Fact]
    public async Task OnTickAsync_LimitBuyGappedThrough_FillsAtTheTicksBetterPrice()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 5m) { LimitPrice = 99m });

        await broker.OnTickAsync(Trade("00:00:02", 99.5m, 0m));
        Assert.Equal(OrderStatus.Accepted, (await broker.GetOrderAsync(order.Id))!.Status);
        await broker.OnTickAsync(Trade("00:00:03", 98.5m, 0m));

        var filled = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.Filled, filled!.Status);
        Assert.Equal(98.5m, filled.AverageFillPrice);
    }

    [Fact]
    public async Task OnTickAsync_StopSellGappedThrough_FillsAtTheTicksWorsePrice()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Sell, OrderType.Stop, 5m) { StopPrice = 95m });

        await broker.OnTickAsync(Trade("00:00:02", 96m, 0m));
        Assert.False((await broker.GetOrderAsync(order.Id))!.StopTriggered);
        await broker.OnTickAsync(Trade("00:00:03", 94m, 0m));

        var filled = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.Filled, filled!.Status);
        Assert.True(filled.StopTriggered);
        Assert.Equal(94m, filled.AverageFillPrice);
        Assert.Equal(-5m, Assert.Single(await broker.GetPositionsAsync()).Quantity);
    }

    [Fact]
    public async Task OnTickAsync_StopLimitTriggeredAboveItsLimit_WaitsForATickAtTheLimit()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.StopLimit, 1m) { StopPrice = 105m, LimitPrice = 106m });

        await broker.OnTickAsync(Trade("00:00:02", 107m, 0m));
        var triggered = await broker.GetOrderAsync(order.Id);
        Assert.True(triggered!.StopTriggered);
        Assert.Equal(OrderStatus.Accepted, triggered.Status);

        await broker.OnTickAsync(Trade("00:00:03", 105.5m, 0m));
        Assert.Equal(105.5m, (await broker.GetOrderAsync(order.Id))!.AverageFillPrice);
    }

    [Fact]
    public async Task OnTickAsync_FeeSchedule_ChargesPerOrderOncePerShareAndBasisPointsOnEveryFill()
    {
        // 1 per order + 0.01 per share + 10 bps: fill 1 = 4 @ 50 → 1 + 0.04 + 0.2 = 1.24; fill 2 = 6 @ 50 → 0.06 + 0.3 = 0.36.
        await using var broker = await Open(new PaperBrokerOptions { Fees = new FeeSchedule(1m, 0.01m, 10m) });
        await broker.OnTickAsync(Trade("00:00:01", 50m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m));

        await broker.OnTickAsync(Trade("00:00:02", 50m, 4m));
        Assert.Equal(1.24m, (await broker.GetOrderAsync(order.Id))!.Fees);
        await broker.OnTickAsync(Trade("00:00:03", 50m, 100m));

        var filled = await broker.GetOrderAsync(order.Id);
        Assert.Equal(1.60m, filled!.Fees);
        var account = await broker.GetAccountAsync();
        Assert.Equal(100_000m - 500m - 1.60m, account.Cash);
        Assert.Equal(1.60m, account.Fees);
        Assert.Equal(100_000m - 1.60m, account.Equity);
    }

    [Fact]
    public async Task OnTickAsync_ConstantSlippage_MovesMarketFillsAgainstTheTraderButNeverPastALimit()
    {
        await using var broker = await Open(new PaperBrokerOptions { Slippage = new ConstantSlippageModel(0.05m) });
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var buy = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 1m));
        var sell = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Sell, OrderType.Limit, 1m) { LimitPrice = 100.98m });

        await broker.OnTickAsync(Trade("00:00:02", 101m, 0m));

        Assert.Equal(101.05m, (await broker.GetOrderAsync(buy.Id))!.AverageFillPrice);
        Assert.Equal(100.98m, (await broker.GetOrderAsync(sell.Id))!.AverageFillPrice);
    }

    [Fact]
    public async Task OnTickAsync_TicksSmallerThanTheOrder_FillPartiallyThenCompletely()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 10m) { LimitPrice = 100m, TimeInForce = TimeInForce.Gtc });

        await broker.OnTickAsync(Trade("00:00:02", 100m, 4m));
        var partial = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.PartiallyFilled, partial!.Status);
        Assert.Equal(4m, partial.FilledQuantity);

        await broker.OnTickAsync(Trade("00:00:03", 99m, 50m));
        var filled = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.Filled, filled!.Status);
        Assert.Equal(((4m * 100m) + (6m * 99m)) / 10m, filled.AverageFillPrice);
        Assert.Equal(99.4m, Assert.Single(await broker.GetPositionsAsync()).AveragePrice);
    }

    [Fact]
    public async Task OnTickAsync_IocLargerThanTheTick_FillsWhatItCanAndCancelsTheRest()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m) { TimeInForce = TimeInForce.Ioc });

        await broker.OnTickAsync(Trade("00:00:02", 100m, 4m));

        var done = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.Canceled, done!.Status);
        Assert.Equal(4m, done.FilledQuantity);
        Assert.StartsWith("ioc:", done.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnTickAsync_FokLargerThanTheTick_IsCanceledWithoutAFill()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m) { TimeInForce = TimeInForce.Fok });

        await broker.OnTickAsync(Trade("00:00:02", 100m, 4m));

        var done = await broker.GetOrderAsync(order.Id);
        Assert.Equal(OrderStatus.Canceled, done!.Status);
        Assert.Equal(0m, done.FilledQuantity);
        Assert.StartsWith("fok:", done.Reason, StringComparison.Ordinal);
        Assert.Empty(await broker.GetPositionsAsync());
    }

    [Fact]
    public async Task OnTickAsync_BracketStopGappedThrough_ExitsAtTheTickAndCancelsTheTarget()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var entry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m) { TakeProfit = 110m, StopLoss = 95m });

        await broker.OnTickAsync(Trade("00:00:02", 100m, 0m));
        var exits = (await broker.GetOrdersAsync(new OrderQuery(OpenOnly: true))).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        Assert.Equal([entry.Id + "-sl", entry.Id + "-tp"], exits.Select(o => o.Id));
        Assert.All(exits, o => Assert.Equal((OrderSide.Sell, 10m, entry.Id), (o.Side, o.Quantity, o.ParentId)));

        await broker.OnTickAsync(Trade("00:00:03", 105m, 0m));
        await broker.OnTickAsync(Trade("00:00:04", 94m, 0m));

        var stop = await broker.GetOrderAsync(entry.Id + "-sl");
        var target = await broker.GetOrderAsync(entry.Id + "-tp");
        Assert.Equal((OrderStatus.Filled, 94m), (stop!.Status, stop.AverageFillPrice));
        Assert.Equal(OrderStatus.Canceled, target!.Status);
        Assert.Empty(await broker.GetPositionsAsync());
        var account = await broker.GetAccountAsync();
        Assert.Equal(-60m, account.RealizedPnl);
        Assert.Equal(100_000m - 60m, account.Cash);
    }

    [Fact]
    public async Task OnTickAsync_BracketTakeProfitWithFeesAndSlippage_RealisesTheHandComputedPnl()
    {
        // Entry: 10 @ 100 + 0.1 slippage = 100.1, fee 1. Target gapped through at 111: 111 - 0.1 = 110.9 (not past 110), fee 1.
        // Realised (110.9 - 100.1) × 10 = 108; cash 100,000 - 1,001 - 1 + 1,109 - 1 = 100,106.
        await using var broker = await Open(new PaperBrokerOptions { Fees = new FeeSchedule(1m, 0m, 0m), Slippage = new ConstantSlippageModel(0.1m) });
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var entry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m) { TakeProfit = 110m, StopLoss = 95m });

        await broker.OnTickAsync(Trade("00:00:02", 100m, 0m));
        Assert.Equal((100.1m, 1m), ((await broker.GetOrderAsync(entry.Id))!.AverageFillPrice, (await broker.GetOrderAsync(entry.Id))!.Fees));
        await broker.OnTickAsync(Trade("00:00:03", 108m, 0m));
        Assert.Equal(79m, Assert.Single(await broker.GetPositionsAsync()).UnrealizedPnl);
        await broker.OnTickAsync(Trade("00:00:04", 111m, 0m));

        var target = await broker.GetOrderAsync(entry.Id + "-tp");
        Assert.Equal((OrderStatus.Filled, 110.9m, 1m), (target!.Status, target.AverageFillPrice, target.Fees));
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(entry.Id + "-sl"))!.Status);
        Assert.Empty(await broker.GetPositionsAsync());
        Assert.Equal(new Account(100_106m, 100_106m, 108m, 0m, 2m, "USD"), await broker.GetAccountAsync());
    }

    [Fact]
    public async Task CancelOrderAsync_PartlyFilledBracketEntry_PlacesExitsForTheFilledQuantity()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 101m, 0m));
        var entry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 10m)
        {
            LimitPrice = 100m,
            TimeInForce = TimeInForce.Gtc,
            TakeProfit = 110m,
            StopLoss = 90m,
        });
        await broker.OnTickAsync(Trade("00:00:02", 100m, 4m));
        Assert.Equal((OrderStatus.PartiallyFilled, 4m), ((await broker.GetOrderAsync(entry.Id))!.Status, (await broker.GetOrderAsync(entry.Id))!.FilledQuantity));

        var canceled = await broker.CancelOrderAsync(entry.Id);

        Assert.Equal((OrderStatus.Canceled, 4m), (canceled!.Status, canceled.FilledQuantity));
        var exits = (await broker.GetOrdersAsync(new OrderQuery(OpenOnly: true))).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        Assert.Equal([(entry.Id + "-sl", 4m), (entry.Id + "-tp", 4m)], exits.Select(o => (o.Id, o.Quantity)));
        await broker.OnTickAsync(Trade("00:00:03", 112m, 0m));
        Assert.Equal((OrderStatus.Filled, 112m), ((await broker.GetOrderAsync(entry.Id + "-tp"))!.Status, (await broker.GetOrderAsync(entry.Id + "-tp"))!.AverageFillPrice));
        Assert.Equal(48m, (await broker.GetAccountAsync()).RealizedPnl);
        Assert.Empty(await broker.GetPositionsAsync());
    }

    [Fact]
    public async Task OnTickAsync_BracketTargetPartlyFilled_ShrinksTheStopToTheRest()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var entry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m) { TakeProfit = 110m, StopLoss = 95m });
        await broker.OnTickAsync(Trade("00:00:02", 100m, 0m));

        await broker.OnTickAsync(Trade("00:00:03", 110m, 3m));
        var target = await broker.GetOrderAsync(entry.Id + "-tp");
        var stop = await broker.GetOrderAsync(entry.Id + "-sl");
        Assert.Equal((OrderStatus.PartiallyFilled, 3m), (target!.Status, target.FilledQuantity));
        Assert.Equal(7m, stop!.Quantity - stop.FilledQuantity);
        await broker.OnTickAsync(Trade("00:00:04", 94m, 0m));

        // 3 × (110 - 100) + 7 × (94 - 100) = 30 - 42.
        Assert.Equal((OrderStatus.Filled, 94m), ((await broker.GetOrderAsync(entry.Id + "-sl"))!.Status, (await broker.GetOrderAsync(entry.Id + "-sl"))!.AverageFillPrice));
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(entry.Id + "-tp"))!.Status);
        Assert.Equal(-12m, (await broker.GetAccountAsync()).RealizedPnl);
        Assert.Empty(await broker.GetPositionsAsync());
    }

    [Fact]
    public async Task OnTickAsync_BracketExitsOnTheEntrysTick_WaitForTheNextTick()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var entry = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Sell, OrderType.Market, 2m) { TakeProfit = 90m, StopLoss = 105m });

        // The entry fills at 106, beyond the stop: the stop may only act from the next tick on.
        await broker.OnTickAsync(Trade("00:00:02", 106m, 0m));
        Assert.Equal(OrderStatus.Accepted, (await broker.GetOrderAsync(entry.Id + "-sl"))!.Status);

        await broker.OnTickAsync(Trade("00:00:03", 89m, 0m));
        Assert.Equal((OrderStatus.Filled, 89m), ((await broker.GetOrderAsync(entry.Id + "-tp"))!.Status, (await broker.GetOrderAsync(entry.Id + "-tp"))!.AverageFillPrice));
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(entry.Id + "-sl"))!.Status);
        Assert.Equal(34m, (await broker.GetAccountAsync()).RealizedPnl);
    }

    [Fact]
    public async Task GetPositionsAsync_PartialCloseAndPriceMove_SplitsRealisedAndUnrealisedPnl()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 10m));
        await broker.OnTickAsync(Trade("00:00:02", 100m, 0m));
        await broker.OnTickAsync(Trade("00:00:03", 103m, 0m));
        Assert.Equal(30m, Assert.Single(await broker.GetPositionsAsync()).UnrealizedPnl);

        await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Sell, OrderType.Market, 4m));
        await broker.OnTickAsync(Trade("00:00:04", 104m, 0m));

        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal(new Position("R_100", 6m, 100m, 16m, 104m), position);
        Assert.Equal(24m, position.UnrealizedPnl);
        var account = await broker.GetAccountAsync();
        Assert.Equal(100_000m - 1_000m + 416m, account.Cash);
        Assert.Equal(account.Cash + (6m * 104m), account.Equity);
        Assert.Equal((16m, 24m), (account.RealizedPnl, account.UnrealizedPnl));
    }

    [Fact]
    public async Task OnTickAsync_SellThroughALong_FlipsShortAtTheFillPrice()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 2m));
        await broker.OnTickAsync(Trade("00:00:02", 100m, 0m));
        await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Sell, OrderType.Market, 5m));
        await broker.OnTickAsync(Trade("00:00:03", 102m, 0m));

        Assert.Equal(new Position("R_100", -3m, 102m, 4m, 102m), Assert.Single(await broker.GetPositionsAsync()));
    }

    [Fact]
    public async Task PlaceOrderAsync_SameClientOrderIdTwice_ReturnsTheFirstOrder()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var request = new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m, ClientOrderId = "retry-1" };

        var first = await broker.PlaceOrderAsync(request);
        var second = await broker.PlaceOrderAsync(request);

        Assert.Equal(first, second);
        Assert.Single(await broker.GetOrdersAsync(OrderQuery.All));
    }

    [Fact]
    public async Task CancelOrderAsync_OpenOrder_IsCanceledAndNoLongerFills()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var order = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m });

        var canceled = await broker.CancelOrderAsync(order.Id);
        await broker.OnTickAsync(Trade("00:00:02", 80m, 0m));

        Assert.Equal(OrderStatus.Canceled, canceled!.Status);
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(order.Id))!.Status);
        Assert.Null(await broker.CancelOrderAsync("paper-999999"));
    }

    [Fact]
    public async Task OnTickAsync_DayOrderPastItsUtcDay_Expires()
    {
        await using var broker = await Open();
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        var day = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m });
        var gtc = await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Limit, 1m) { LimitPrice = 90m, TimeInForce = TimeInForce.Gtc });

        _time.SetUtcNow(Day.AddDays(1));
        await broker.OnTickAsync(Trade(Day.AddDays(1), 85m, 0m));

        Assert.Equal(OrderStatus.Expired, (await broker.GetOrderAsync(day.Id))!.Status);
        Assert.Equal(OrderStatus.Filled, (await broker.GetOrderAsync(gtc.Id))!.Status);
    }

    [Fact]
    public async Task OrderUpdates_PlaceAndFill_PublishesEachChange()
    {
        await using var broker = await Open();
        var seen = new List<Order>();
        using var subscription = broker.OrderUpdates.Subscribe(new OrderObserver(seen.Add));
        await broker.OnTickAsync(Trade("00:00:01", 100m, 0m));
        await broker.PlaceOrderAsync(new OrderRequest("R_100", OrderSide.Buy, OrderType.Market, 1m));
        await broker.OnTickAsync(Trade("00:00:02", 100m, 0m));

        Assert.Equal([OrderStatus.Accepted, OrderStatus.Filled], seen.Select(o => o.Status));
    }

    [Fact]
    public async Task OnTickAsync_SameScriptTwice_GivesTheSameOrdersAndAccount()
    {
        Assert.Equal(await Run(), await Run());

        async Task<string> Run()
        {
            var time = new ManualTimeProvider(Day);
            await using var broker = await PaperBroker.OpenAsync(
                new PaperBrokerOptions { Fees = new FeeSchedule(0.5m, 0m, 2m), Slippage = new ConstantSlippageModel(0.01m) },
                new FeedWatch(time));
            var ticks = RandomWalk(7, 400, Day, "R_100");
            for (var i = 0; i < ticks.Length; i++)
            {
                time.SetUtcNow(ticks[i].Time > time.GetUtcNow() ? ticks[i].Time : time.GetUtcNow());
                await broker.OnTickAsync(ticks[i]);
                if (i % 40 == 5)
                {
                    var side = i % 80 == 5 ? OrderSide.Buy : OrderSide.Sell;
                    var price = ticks[i].Price;
                    await broker.PlaceOrderAsync(new OrderRequest("R_100", side, OrderType.Market, 3m)
                    {
                        TimeInForce = TimeInForce.Gtc,
                        TakeProfit = side == OrderSide.Buy ? price + 5m : price - 5m,
                        StopLoss = side == OrderSide.Buy ? price - 5m : price + 5m,
                    });
                }
            }

            var orders = await broker.GetOrdersAsync(OrderQuery.All);
            return string.Join('\n', orders.Select(o => o.ToString())) + "\n" + await broker.GetAccountAsync();
        }
    }

    private Task<PaperBroker> Open(PaperBrokerOptions? options = null) =>
        PaperBroker.OpenAsync(options ?? new PaperBrokerOptions(), new FeedWatch(_time));
}
