using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

/// <summary>A host on the simulated market with the paper broker, an API key and a notional limit.</summary>
public sealed class TradingHost : DashboardHost
{
    public const string ApiKey = "test-api-key-0123456789";

    protected override void Configure(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["QuantPulse:Api:ApiKeys:0"] = ApiKey;
        factory.Settings["QuantPulse:Sources:Simulated:Symbols:0"] = "SIM_V100";
        factory.Settings["QuantPulse:Trading:MaxNotional"] = "1000000";
    }

    protected override Task StartedAsync() => PricedAsync("SIM_V100");
}

public sealed class OrderEndpointsTests(TradingHost host) : IClassFixture<TradingHost>
{
    [Fact]
    public async Task PostOrder_MarketBuy_FillsOnTheNextTickAndShowsInPositionsAndAccount()
    {
        var placed = await PostAsync(new { symbol = "SIM_V100", side = "buy", type = "market", quantity = 2, client_order_id = "api-market-1" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        var id = order.GetProperty("id").GetString()!;
        Assert.Equal(("accepted", "api-market-1"), (order.GetProperty("status").GetString(), order.GetProperty("client_order_id").GetString()));

        await Eventually.TrueAsync(async () => (await GetJsonAsync("/api/orders/" + id)).GetProperty("status").GetString() == "filled", "the order fills");

        var positions = await GetJsonAsync("/api/positions");
        var position = positions.EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == "SIM_V100");
        Assert.True(position.GetProperty("quantity").GetDecimal() >= 2m);
        var account = await GetJsonAsync("/api/account");
        Assert.Equal("paper", account.GetProperty("broker").GetString());
        Assert.True(account.GetProperty("cash").GetDecimal() < 100_000m);

        var again = await PostAsync(new { symbol = "SIM_V100", side = "buy", type = "market", quantity = 2, client_order_id = "api-market-1" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        var filtered = await GetJsonAsync("/api/orders?status=filled&symbol=SIM_V100");
        Assert.Contains(filtered.EnumerateArray(), o => o.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task PostOrder_OverTheNotionalLimit_Is422NamingTheRule()
    {
        var response = await PostAsync(new { symbol = "SIM_V100", side = "buy", type = "market", quantity = 1_000_000 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("max_notional: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOrder_BadSide_Is400NamingTheField()
    {
        var response = await PostAsync(new { symbol = "SIM_V100", side = "hold", quantity = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'side'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostOrder_WithoutAKey_Is401()
    {
        var response = await host.Client.PostAsJsonAsync(new Uri("/api/orders", UriKind.Relative), new { symbol = "SIM_V100", side = "buy", quantity = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DeleteOrder_OpenLimitThenUnknown_CancelsThen404()
    {
        var placed = await PostAsync(new { symbol = "SIM_V100", side = "buy", type = "limit", quantity = 1, limit_price = 0.01, time_in_force = "gtc" });
        var id = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var canceled = await SendAsync(HttpMethod.Delete, "/api/orders/" + id);
        var unknown = await SendAsync(HttpMethod.Delete, "/api/orders/paper-999999");

        Assert.Equal("canceled", (await canceled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string path) =>
        await host.Client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    private Task<HttpResponseMessage> PostAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/orders", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", TradingHost.ApiKey);
        return host.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", TradingHost.ApiKey);
        return host.Client.SendAsync(request);
    }
}
