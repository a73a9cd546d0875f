using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Feed;

/// <summary>Order updates on the live feed over a real WebSocket on loopback, with the paper broker on the simulated market.</summary>
public sealed class OrderFeedTests(TradingFeedHost host) : IClassFixture<TradingFeedHost>
{
    [Fact]
    public async Task PostOrder_MarketBuy_StreamsAcceptedThenFilledAsGetOrderShowsIt()
    {
        await using var feed = await SubscribeAsync("SIM_V100");

        var id = await PlaceAsync(new { symbol = "SIM_V100", side = "buy", type = "market", quantity = 2, client_order_id = "feed-market-1" });

        var accepted = await NextOrderAsync(feed, id);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("feed-market-1", accepted.GetProperty("client_order_id").GetString());
        var filled = await NextOrderAsync(feed, id);
        Assert.Equal("filled", filled.GetProperty("status").GetString());
        Assert.Equal(2m, filled.GetProperty("filled_quantity").GetDecimal());
        var rest = await host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/orders/" + id, UriKind.Relative));
        Assert.Equal(rest.GetRawText(), filled.GetRawText());
    }

    [Fact]
    public async Task DeleteOrder_OpenLimit_StreamsTheCancellation()
    {
        await using var feed = await SubscribeAsync("SIM_V100");
        var id = await PlaceAsync(new { symbol = "SIM_V100", side = "buy", type = "limit", quantity = 1, limit_price = 0.01, time_in_force = "gtc" });
        Assert.Equal("accepted", (await NextOrderAsync(feed, id)).GetProperty("status").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/orders/" + id, UriKind.Relative));
        request.Headers.Add("X-Api-Key", TradingFeedHost.ApiKey);
        using var response = await host.Client.SendAsync(request);

        var canceled = await NextOrderAsync(feed, id);
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PostOrder_RejectedByARule_StreamsTheRejectionWithItsReason()
    {
        await using var feed = await SubscribeAsync("SIM_V100");

        using var response = await PostAsync(new { symbol = "SIM_V100", side = "buy", type = "market", quantity = 1_000_000 });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order_id").GetString()!;

        var rejected = await NextOrderAsync(feed, id);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.StartsWith("max_notional: ", rejected.GetProperty("reject_reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_OtherSymbolsOrderChannel_GetsOnlyThatSymbolsOrders()
    {
        await using var feed = await SubscribeAsync("SIM_V25");

        await PlaceAsync(new { symbol = "SIM_V100", side = "buy", type = "limit", quantity = 1, limit_price = 0.01, time_in_force = "gtc" });
        var id = await PlaceAsync(new { symbol = "SIM_V25", side = "buy", type = "limit", quantity = 1, limit_price = 0.01, time_in_force = "gtc" });

        var first = (await feed.ReceiveTypeAsync("order")).GetProperty("data");
        Assert.Equal((id, "SIM_V25"), (first.GetProperty("id").GetString(), first.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task Subscribe_TickChannelOnly_GetsNoOrders()
    {
        await using var feed = await FeedConnection.ConnectAsync(host.Address);
        await feed.SendAsync("""{"action":"subscribe","symbols":["SIM_V100"],"channels":["tick"]}""");
        await feed.ReceiveTypeAsync("subscribed");

        await PlaceAsync(new { symbol = "SIM_V100", side = "buy", type = "limit", quantity = 1, limit_price = 0.01, time_in_force = "gtc" });
        await feed.SendAsync("""{"action":"subscribe","symbols":["SIM_V100"],"channels":["order"]}""");
        await feed.ReceiveTypeAsync("subscribed");
        await feed.SendAsync("""{"action":"ping"}""");

        // Everything queued before the pong is a tick: the order placed before the order subscription never arrives.
        while ((await feed.ReceiveAsync())!.Value.GetProperty("type").GetString() is { } type && type != "pong")
        {
            Assert.Equal("tick", type);
        }
    }

    private async Task<FeedConnection> SubscribeAsync(string symbol)
    {
        var feed = await FeedConnection.ConnectAsync(host.Address);
        await feed.SendAsync($$"""{"action":"subscribe","symbols":["{{symbol}}"],"channels":["order"]}""");
        var subscribed = await feed.ReceiveTypeAsync("subscribed");
        Assert.Equal("""["order"]""", subscribed.GetProperty("channels").GetRawText());
        return feed;
    }

    private static async Task<JsonElement> NextOrderAsync(FeedConnection feed, string id)
    {
        while (true)
        {
            var data = (await feed.ReceiveTypeAsync("order")).GetProperty("data");
            if (data.GetProperty("id").GetString() == id)
            {
                return data;
            }
        }
    }

    private async Task<string> PlaceAsync(object body)
    {
        using var response = await PostAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> PostAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/orders", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", TradingFeedHost.ApiKey);
        return await host.Client.SendAsync(request);
    }
}

/// <summary>A dashboard on Kestrel with the paper broker on the simulated market, an API key and a notional limit.</summary>
public sealed class TradingFeedHost : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-0123456789";

    private DashboardFactory Factory { get; } = new();

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory.Settings["QuantPulse:Api:ApiKeys:0"] = ApiKey;
        Factory.Settings["QuantPulse:Trading:MaxNotional"] = "1000000";
        Address = FeedConnection.StartKestrel(Factory);
        Client = new HttpClient { BaseAddress = Address };
        await Eventually.TrueAsync(
            async () => (await Client.GetAsync(new Uri("/api/price/SIM_V25", UriKind.Relative))).IsSuccessStatusCode
                && (await Client.GetAsync(new Uri("/api/price/SIM_V100", UriKind.Relative))).IsSuccessStatusCode,
            "the simulated market has prices");
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
