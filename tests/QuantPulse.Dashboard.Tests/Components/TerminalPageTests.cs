using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuantPulse.Dashboard.Components;
using QuantPulse.Dashboard.Components.Pages;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Dashboard.Trading;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Tests.Testing;
using QuantPulse.Trading;

namespace QuantPulse.Dashboard.Tests.Components;

/// <summary>The host's services for the terminal page (its symbols, pipeline and options); the broker and feed are each test's own.</summary>
public sealed class TerminalServices : IDisposable
{
    public DashboardFactory Factory { get; } = new();

    public IServiceProvider Services => Factory.Services;

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// The terminal page with a paper broker (or one that claims to be a real venue) on a scripted clock and scripted
/// sources: <c>R_100</c> is a live deriv feed, <c>SIM_V100</c> the simulated market.
/// </summary>
public sealed class TerminalPageTests : BunitContext, IClassFixture<TerminalServices>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _time = new();
    private readonly FeedWatch _watch;
    private readonly TerminalServices _host;
    private SourceState _deriv = SourceState.Live;

    public TerminalPageTests(TerminalServices host)
    {
        _host = host;
        _watch = new FeedWatch(_time);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new ChartInterop(JSInterop.JSRuntime));
        Services.AddSingleton(new TerminalFeed(
            _watch,
            TimeSpan.FromSeconds(30),
            symbol => symbol == "R_100" ? new FeedSource(TickSources.Deriv, _deriv) : new FeedSource(TickSources.Simulated, SourceState.Live),
            () => ["SIM_V100"]));
        Services.AddFallbackServiceProvider(host.Services);
    }

    [Fact]
    public async Task Buy_BadTicket_SaysWhatIsWrongAndPlacesNothing()
    {
        var broker = await UseAsync(external: false);
        await TickAsync(broker, "R_100", 100m);
        var page = await RenderOnAsync("R_100");

        await SetAsync(page, "order-quantity", "0");
        await ClickAsync(page, "buy-button");
        var quantity = page.Find("[data-testid=ticket-message]").TextContent;
        await SetAsync(page, "order-quantity", "1");
        await SetAsync(page, "order-type", "limit");
        await ClickAsync(page, "sell-button");
        var price = page.Find("[data-testid=ticket-message]").TextContent;
        await SetAsync(page, "order-price", "99");
        await SetAsync(page, "order-tp", "-5");
        await ClickAsync(page, "sell-button");
        var bracket = page.Find("[data-testid=ticket-message]").TextContent;

        Assert.Equal("Quantity must be more than 0.", quantity);
        Assert.Equal("A limit order needs a limit price above 0.", price);
        Assert.Equal("Take profit and stop loss must be above 0 (or left empty).", bracket);
        Assert.Empty(await broker.GetOrdersAsync(OrderQuery.All));
    }

    [Fact]
    public async Task Buy_BracketOnTheWrongSide_ShowsTheBrokersRejection()
    {
        var broker = await UseAsync(external: false);
        await TickAsync(broker, "R_100", 100m);
        var page = await RenderOnAsync("R_100");

        await SetAsync(page, "order-tp", "90");
        await ClickAsync(page, "buy-button");

        page.WaitForAssertion(() => Assert.StartsWith("Rejected: invalid_order: ", page.Find("[data-testid=ticket-message]").TextContent, StringComparison.Ordinal), Wait);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=orders-table] tr[data-status=rejected]")), Wait);
    }

    [Fact]
    public async Task Render_RealBrokerOnTheSimulatedMarket_SaysSoAndDisablesOrders()
    {
        var broker = await UseAsync(external: true);
        await TickAsync(broker, "SIM_V100", 100m);
        var page = await RenderOnAsync("SIM_V100");

        var state = page.Find("[data-testid=feed-state]");
        Assert.Equal("simulated", state.GetAttribute("data-state"));
        Assert.Contains("feed-simulated", state.ClassName, StringComparison.Ordinal);
        Assert.Equal("SIMULATED market: orders to a real broker are disabled", state.TextContent);
        Assert.True(page.Find("[data-testid=buy-button]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=sell-button]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_LiveFeedReconnecting_FallsBackToSimulatedForPaperOnlyThenSwitchesBack()
    {
        var broker = await UseAsync(external: true);
        await TickAsync(broker, "R_100", 100m);
        await TickAsync(broker, "SIM_V100", 1000m);
        _deriv = SourceState.Reconnecting;
        var page = await RenderOnAsync("R_100");

        var state = page.Find("[data-testid=feed-state]");
        Assert.Equal("fallback", state.GetAttribute("data-state"));
        Assert.Equal("SIMULATED: the deriv feed is reconnecting; showing SIM_V100: orders to a real broker are disabled", state.TextContent);
        Assert.Equal("SIM_V100", page.Find("[data-testid=ticket-symbol]").TextContent);
        Assert.Equal("SIM_V100", page.Find("[data-testid=price-chart]").GetAttribute("data-symbol"));
        Assert.True(page.Find("[data-testid=buy-button]").HasAttribute("disabled"));

        _deriv = SourceState.Live;
        await TickAsync(broker, "R_100", 101m);

        page.WaitForAssertion(() => Assert.Equal("live", page.Find("[data-testid=feed-state]").GetAttribute("data-state")), Wait);
        Assert.Equal("R_100", page.Find("[data-testid=price-chart]").GetAttribute("data-symbol"));
        Assert.False(page.Find("[data-testid=buy-button]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_StaleFeedAndNoSimulatedMarket_RefusesEveryOrder()
    {
        var broker = await UseAsync(external: false);
        await TickAsync(broker, "R_100", 100m);
        _time.Advance(TimeSpan.FromSeconds(31));
        var page = await RenderOnAsync("R_100");

        Assert.Equal("Feed stale: no R_100 tick within 30 s; no simulated market is running; orders are refused", page.Find("[data-testid=feed-state]").TextContent);
        Assert.True(page.Find("[data-testid=buy-button]").HasAttribute("disabled"));
        Assert.Empty(await broker.GetOrdersAsync(OrderQuery.All));
    }

    [Fact]
    public async Task Buy_MarketOnTheLiveFeed_ShowsTheFillInOrdersPositionsAndAccount()
    {
        var broker = await UseAsync(external: false);
        await TickAsync(broker, "R_100", 100m);
        var page = await RenderOnAsync("R_100");

        await SetAsync(page, "order-quantity", "2");
        await ClickAsync(page, "buy-button");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=orders-table] tr[data-status=accepted]")), Wait);
        Assert.StartsWith("BUY paper-", page.Find("[data-testid=ticket-message]").TextContent, StringComparison.Ordinal);
        await TickAsync(broker, "R_100", 101m);

        // The fill arrives as an order update: the page reloads without a click.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=orders-table] tr[data-status=filled]")), Wait);
        var row = page.Find("[data-testid=positions-table] tr[data-symbol=R_100]");
        Assert.Contains("101", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("0.00 USD", page.Find("[data-testid=position-pnl]").TextContent);
        Assert.Contains("99,798.00", page.Find("[data-testid=account-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_OpenLimitOrder_CancelsItAndTheButtonGoes()
    {
        var broker = await UseAsync(external: false);
        await TickAsync(broker, "R_100", 100m);
        var page = await RenderOnAsync("R_100");
        await SetAsync(page, "order-type", "limit");
        await SetAsync(page, "order-price", "50");
        await ClickAsync(page, "buy-button");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=cancel-order]")), Wait);

        await ClickAsync(page, "cancel-order");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=orders-table] tr[data-status=canceled]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=cancel-order]"));
        Assert.EndsWith(" canceled", page.Find("[data-testid=ticket-message]").TextContent, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrdersAsync(OrderQuery.All)).Single().Status);
    }

    private async Task<IRenderedComponent<Terminal>> RenderOnAsync(string symbol)
    {
        var page = Render<Terminal>();
        page.WaitForAssertion(() => Assert.NotEqual("opening…", page.Find("[data-testid=broker-name]").TextContent), Wait);
        await SetAsync(page, "terminal-symbol", symbol);
        return page;
    }

    // Found and triggered on the dispatcher: the page re-renders on its own (live refresh) between a find and a trigger otherwise.
    private static Task SetAsync(IRenderedComponent<Terminal> page, string testId, string value) =>
        page.InvokeAsync(() => page.Find($"[data-testid={testId}]").ChangeAsync(new ChangeEventArgs { Value = value }));

    private static Task ClickAsync(IRenderedComponent<Terminal> page, string testId) =>
        page.InvokeAsync(() => page.Find($"[data-testid={testId}]").ClickAsync(new MouseEventArgs()));

    private async Task<PaperBroker> UseAsync(bool external)
    {
        var paper = await PaperBroker.OpenAsync(new PaperBrokerOptions(), _watch);
#pragma warning disable CA2000 // Owned by the terminal broker, which the test container disposes.
        var terminal = new TerminalBroker(
            Options.Create(new TradingHostOptions()), _host.Services.GetRequiredService<IMarketStoreProvider>(), _time, NullLoggerFactory.Instance);
#pragma warning restore CA2000
        terminal.Open(external ? new VenueBroker(paper) : paper);
        Services.AddSingleton(terminal);
        return paper;
    }

    private async Task TickAsync(PaperBroker broker, string symbol, decimal price) =>
        await broker.OnTickAsync(new Tick(symbol, _time.GetUtcNow(), price, 0m, symbol == "R_100" ? TickSources.Deriv : TickSources.Simulated));

    /// <summary>The paper book dressed as a real venue: what the page does with an external broker.</summary>
    private sealed class VenueBroker(IBroker inner) : IBroker
    {
        public string Name => "alpaca";

        public bool IsExternal => true;

        public IObservable<Order> OrderUpdates => inner.OrderUpdates;

        public Task<Order> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default) => inner.PlaceOrderAsync(request, cancellationToken);

        public Task<Order?> CancelOrderAsync(string orderId, CancellationToken cancellationToken = default) => inner.CancelOrderAsync(orderId, cancellationToken);

        public Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => inner.GetOrderAsync(orderId, cancellationToken);

        public Task<IReadOnlyList<Order>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default) => inner.GetOrdersAsync(query, cancellationToken);

        public Task<IReadOnlyList<Position>> GetPositionsAsync(CancellationToken cancellationToken = default) => inner.GetPositionsAsync(cancellationToken);

        public Task<Account> GetAccountAsync(CancellationToken cancellationToken = default) => inner.GetAccountAsync(cancellationToken);
    }
}
