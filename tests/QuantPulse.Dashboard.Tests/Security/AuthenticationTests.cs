using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Security;

/// <summary>A host with a signing key and an API key; the mutation is <c>POST /api/trades</c>.</summary>
public sealed class SecuredHost : DashboardHost
{
    public const string ApiKey = "test-api-key-0123456789";

    protected override void Configure(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["QuantPulse:Api:Jwt:SigningKey"] = TestTokens.Key;
        factory.Settings["QuantPulse:Api:ApiKeys:0"] = ApiKey;
        factory.Settings["QuantPulse:Api:Cors:Origins:0"] = "https://app.example";
        factory.Settings["QuantPulse:Simulator:MaxOpenTradesPerAsset"] = "3";
        // A symbol of its own for the open-trade limit test, so the other tests' trades never meet that limit.
        factory.Settings["QuantPulse:Sources:Simulated:Symbols:0"] = "SIM_V100";
        factory.Settings["QuantPulse:Sources:Simulated:Symbols:1"] = "SIM_V25";
        factory.Settings["QuantPulse:Sources:Simulated:Symbols:2"] = "SIM_LIMIT";
    }

    protected override Task StartedAsync() => PricedAsync("SIM_V100");
}

public sealed class AuthenticationTests : IClassFixture<SecuredHost>
{
    private readonly SecuredHost _host;

    public AuthenticationTests(SecuredHost host) => _host = host;

    public static TheoryData<string, string?> RejectedTokens => new()
    {
        { "none", null },
        { "bad signature", TestTokens.Create(key: "another-signing-key-that-is-long-enough-32+") },
        { "expired", TestTokens.Create(expires: DateTime.UtcNow.AddHours(-1), notBefore: DateTime.UtcNow.AddHours(-2)) },
        { "wrong audience", TestTokens.Create(audience: "someone-else") },
        { "wrong issuer", TestTokens.Create(issuer: "someone-else") },
        { "not a token", "abc.def.ghi" },
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task PostTrade_RejectedToken_401(string why, string? token)
    {
        using var request = TradeRequest("""{"asset":"SIM_V100","direction":"BUY","stop_loss":1,"take_profit":1000000}""");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task PostTrade_WrongApiKey_401()
    {
        using var request = TradeRequest("""{"asset":"SIM_V100","direction":"BUY","stop_loss":1,"take_profit":1000000}""");
        request.Headers.Add("X-Api-Key", "not-the-key");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostTrade_GoodToken_202AndTheTradeOpensThroughTheSimulator()
    {
        using var request = TradeRequest("""{"asset":"SIM_V100","direction":"BUY","stop_loss":1,"take_profit":1000000,"expiry_seconds":3600}""");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create());

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.StartsWith("trade:manual:", id, StringComparison.Ordinal);
        JsonElement trade = default;
        await Eventually.TrueAsync(
            async () =>
            {
                var trades = (await _host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/trades?strategy=manual&asset=SIM_V100", UriKind.Relative))).GetProperty("trades");
                trade = trades.EnumerateArray().FirstOrDefault(t => t.GetProperty("id").GetString() == id);
                return trade.ValueKind == JsonValueKind.Object;
            },
            "the manual trade is stored");
        Assert.Equal("BUY", trade.GetProperty("direction").GetString());
        Assert.Equal("manual", trade.GetProperty("strategy").GetString());
        // The simulator anchors the levels at the fill (QuantPulse:Simulator:LevelAnchor), as for strategy trades.
        Assert.True(trade.GetProperty("stop_loss").GetDecimal() < trade.GetProperty("entry_price").GetDecimal());
        Assert.True(trade.GetProperty("take_profit").GetDecimal() > trade.GetProperty("entry_price").GetDecimal());
    }

    [Fact]
    public async Task PostTrade_GoodApiKey_Accepted()
    {
        using var request = TradeRequest("""{"asset":"SIM_V25","direction":"SELL","stop_loss":1000000,"take_profit":1}""");
        request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"asset":"SIM_V100","direction":"BUY","stop_loss":1000000,"take_profit":2000000}""", "stop_loss")]
    [InlineData("""{"asset":"SIM_V100","direction":"HOLD"}""", "direction")]
    [InlineData("""{"asset":"bad asset","direction":"BUY"}""", "asset")]
    [InlineData("""{"asset":"SIM_V100","direction":"BUY","expiry_seconds":0}""", "expiry_seconds")]
    public async Task PostTrade_BadBody_400NamingTheField(string body, string field)
    {
        using var request = TradeRequest(body);
        request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{bad json")]
    [InlineData("[1,2]")]
    [InlineData("""{"asset":"SIM_V100","direction":"BUY","stop_loss":"cheap"}""")]
    public async Task PostTrade_UnreadableBody_400Problem(string body)
    {
        using var request = TradeRequest(body);
        request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PostTrade_UnknownAsset_404()
    {
        using var request = TradeRequest("""{"asset":"NOPE","direction":"BUY","stop_loss":1,"take_profit":2}""");
        request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostTrade_OpenTradeLimitReached_409()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = TradeRequest("""{"asset":"SIM_LIMIT","direction":"BUY","stop_loss":1,"take_profit":1000000}""");
            request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);
            using var response = await _host.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.Conflict, statuses);
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_AllowsIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/trades", UriKind.Relative));
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Get_OtherOrigin_NoCorsHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/symbols", UriKind.Relative));
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage TradeRequest(string json) => new(HttpMethod.Post, new Uri("/api/trades", UriKind.Relative))
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
}
