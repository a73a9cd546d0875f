using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Security;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

public sealed class AlertEndpointsTests : IClassFixture<SecuredHost>
{
    private readonly SecuredHost _host;

    public AlertEndpointsTests(SecuredHost host) => _host = host;

    [Fact]
    public async Task PostAlert_NoCredentials_401()
    {
        using var response = await _host.Client.PostAsync(new Uri("/api/alerts", UriKind.Relative), Json("""{"symbol":"SIM_V25","condition":"crossing","level":100}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Alerts_CreateListPatchDelete_RoundTrip()
    {
        using var created = await SendAsync(HttpMethod.Post, "/api/alerts", """{"name":"cross","symbol":"SIM_V25","condition":"crossing_up","level":100,"frequency":"every_time","cooldown_seconds":30}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetInt64();
        Assert.Equal($"/api/alerts/{id}", created.Headers.Location?.ToString());
        Assert.Equal("crossing_up", body.RootElement.GetProperty("condition").GetString());
        Assert.Equal(30, body.RootElement.GetProperty("cooldown_seconds").GetDouble());
        Assert.Equal("api", body.RootElement.GetProperty("origin").GetString());

        var list = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);

        using var patched = await SendAsync(HttpMethod.Patch, $"/api/alerts/{id}", """{"enabled":false,"level":105}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using var patchedBody = JsonDocument.Parse(await patched.Content.ReadAsStringAsync());
        Assert.False(patchedBody.RootElement.GetProperty("enabled").GetBoolean());
        Assert.Equal(105, patchedBody.RootElement.GetProperty("level").GetDouble());
        Assert.Equal("cross", patchedBody.RootElement.GetProperty("name").GetString());

        using var bad = await SendAsync(HttpMethod.Patch, $"/api/alerts/{id}", """{"level":-1}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'level'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/alerts/{id}", null);
        using var again = await SendAsync(HttpMethod.Delete, $"/api/alerts/{id}", null);
        using var missing = await SendAsync(HttpMethod.Patch, $"/api/alerts/{id}", """{"enabled":true}""");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("""{"symbol":"SIM_V25","condition":"sideways","level":1}""", "'condition'")]
    [InlineData("""{"symbol":"SIM_V25","condition":"volume_spike","factor":2}""", "'candles'")]
    [InlineData("""{"symbol":"SIM_V25","condition":"pair_zscore","threshold":2,"candles":20}""", "'other_symbol'")]
    [InlineData("""{"symbol":"SIM_V25","condition":"crossing","level":1,"interval":"7m"}""", "'interval'")]
    public async Task PostAlert_InvalidRule_400NamingTheField(string json, string field)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/alerts", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triggered_RuleOnTheLiveMarket_IsStoredAndListed()
    {
        using var created = await SendAsync(HttpMethod.Post, "/api/alerts", """{"name":"always","symbol":"SIM_V100","condition":"greater_than","level":0.0001,"frequency":"every_time"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        JsonElement triggers = default;
        await Eventually.TrueAsync(
            async () =>
            {
                triggers = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts/triggered?limit=5", UriKind.Relative));
                return triggers.EnumerateArray().Any(t => t.GetProperty("alert_name").GetString() == "always");
            },
            "the rule fired and its trigger was stored");

        var trigger = triggers.EnumerateArray().First(t => t.GetProperty("alert_name").GetString() == "always");
        Assert.Equal("SIM_V100", trigger.GetProperty("symbol").GetString());
        Assert.True(trigger.GetProperty("value").GetDouble() > 0.0001);
        Assert.Equal("none", trigger.GetProperty("delivery").GetString());
        using var badLimit = await _host.Client.GetAsync(new Uri("/api/alerts/triggered?limit=5000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        return await _host.Client.SendAsync(request);
    }
}
