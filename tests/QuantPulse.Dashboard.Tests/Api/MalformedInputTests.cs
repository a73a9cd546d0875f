using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

public sealed class MalformedInputTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public MalformedInputTests(DashboardFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/api/candles", "'symbol' is required")]
    [InlineData("/api/candles?symbol=", "'symbol' is required")]
    [InlineData("/api/candles?symbol=SIM%20V100", "'symbol'")]
    [InlineData("/api/candles?symbol=%3Cscript%3E", "'symbol'")]
    [InlineData("/api/candles?symbol=SIM_V100&interval=7m", "'interval'")]
    [InlineData("/api/candles?symbol=SIM_V100&limit=10001", "'limit'")]
    [InlineData("/api/candles?symbol=SIM_V100&limit=-1", "'limit'")]
    [InlineData("/api/candles?symbol=SIM_V100&limit=abc", "'limit'")]
    [InlineData("/api/candles?symbol=SIM_V100&from=yesterday", "'from'")]
    [InlineData("/api/candles?symbol=SIM_V100&from=99999999999999", "'from'")]
    [InlineData("/api/candles?symbol=SIM_V100&to=-5", "'to'")]
    [InlineData("/api/candles?symbol=SIM_V100&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "'to'")]
    [InlineData("/api/candles?symbol=SIM_V100&indicators=maybe", "'indicators'")]
    [InlineData("/api/ohlc/SIM_V100?timeframe=2h", "'timeframe'")]
    [InlineData("/api/signals?type=HOLD", "'type'")]
    [InlineData("/api/signals?asset=a%20b", "'asset'")]
    [InlineData("/api/trades?status=pending", "'status'")]
    [InlineData("/api/trades?result=DRAW", "'result'")]
    [InlineData("/api/trades?limit=100000", "'limit'")]
    [InlineData("/api/stats/performance?from=1700000000&to=1600000000", "'to'")]
    [InlineData("/api/export/SIM_V100?timeframe=0m", "'timeframe'")]
    [InlineData("/api/analytics/symbol", "'symbol' is required")]
    [InlineData("/api/analytics/symbol?symbol=SIM_V100&window=1", "'window'")]
    [InlineData("/api/analytics/symbol?symbol=SIM_V100&window=abc", "'window'")]
    [InlineData("/api/analytics/symbol?symbol=SIM_V100&interval=7m", "'interval'")]
    [InlineData("/api/analytics/correlation?symbols=SIM_V100", "'symbols'")]
    [InlineData("/api/analytics/correlation?symbols=SIM_V100,SIM_V100", "'symbols'")]
    [InlineData("/api/analytics/correlation?symbols=SIM_V100,a%20b", "'symbols'")]
    [InlineData("/api/analytics/correlation?symbols=SIM_V100,SIM_V25&basis=price", "'basis'")]
    [InlineData("/api/analytics/pair?b=SIM_V100", "'a' is required")]
    [InlineData("/api/analytics/pair?a=SIM_V100&b=SIM_V25&method=lasso", "'method'")]
    [InlineData("/api/analytics/pair?a=SIM_V100&b=SIM_V25&lags=2&autolag=bic", "'lags'")]
    [InlineData("/api/analytics/pair?a=SIM_V100&b=SIM_V25&autolag=hqic", "'autolag'")]
    [InlineData("/api/analytics/pair?a=SIM_V100&b=SIM_V100", "'a' and 'b'")]
    public async Task Get_BadParameter_400ProblemNamingIt(string path, string expected)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("/api/price/UNKNOWN_SYMBOL")]
    [InlineData("/api/candles?symbol=UNKNOWN_SYMBOL")]
    [InlineData("/api/ohlc/UNKNOWN_SYMBOL")]
    [InlineData("/api/export/UNKNOWN_SYMBOL")]
    [InlineData("/api/analytics/symbol?symbol=UNKNOWN_SYMBOL")]
    [InlineData("/api/analytics/correlation?symbols=SIM_V100,UNKNOWN_SYMBOL")]
    [InlineData("/api/analytics/pair?a=UNKNOWN_SYMBOL&b=SIM_V100")]
    public async Task Get_UnknownSymbol_404Problem(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_HugeButValidRange_200()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/candles?symbol=SIM_V100&from=0&to=253402300799&limit=10000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetOpenApi_Document_DescribesTheApi()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/symbols", "/api/price/{symbol}", "/api/candles", "/api/ohlc/{symbol}", "/api/signals", "/api/trades", "/api/stats", "/api/stats/performance", "/api/export/{symbol}" })
        {
            Assert.Contains(path, paths);
        }
    }
}
