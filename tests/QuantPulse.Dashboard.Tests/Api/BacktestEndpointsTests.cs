using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Analytics;
using QuantPulse.Dashboard.Tests.Security;
using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

/// <summary>A secured host holding two uploaded, co-moving one-minute series <c>BTA</c> and <c>BTB</c>.</summary>
public sealed class BacktestHost : DashboardHost
{
    public const int Bars = 600;

    protected override void Configure(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["QuantPulse:Api:ApiKeys:0"] = SecuredHost.ApiKey;
        factory.Settings["QuantPulse:Api:RateLimit:BacktestPermitsPerMinute"] = "1000";
    }

    protected override async Task StartedAsync()
    {
        var csv = OhlcFile.Csv(OhlcFile.Rows("BTA", 0, Bars), OhlcFile.Rows("BTB", 1, Bars));
        var (status, _) = await UploadEndpointsTests.UploadAsync(Client, csv, "text/csv", string.Empty);
        Assert.Equal(HttpStatusCode.OK, status);
    }
}

public sealed class BacktestEndpointsTests : IClassFixture<BacktestHost>
{
    private readonly BacktestHost _host;

    public BacktestEndpointsTests(BacktestHost host) => _host = host;

    [Theory]
    [InlineData("ols")]
    [InlineData("huber")]
    [InlineData("kalman")]
    public async Task PostBacktest_Pair_EqualsTheLibraryOnTheStoredCloses(string method)
    {
        var (status, json) = await PostAsync(new { kind = "pair", a = "BTA", b = "BTB", interval = "1m", entry = 1.5, exit = 0.25, stop = 4, window = 30, method, fee_bps = 1 });

        Assert.Equal(HttpStatusCode.OK, status);
        var times = Enumerable.Range(0, BacktestHost.Bars).Select(i => OhlcFile.Start.AddMinutes(i)).ToList();
        var a = times.Select((_, i) => (double)OhlcFile.Close(0, i)).ToList();
        var b = times.Select((_, i) => (double)OhlcFile.Close(1, i)).ToList();
        var hedge = method switch { "huber" => HedgeMethod.Huber, "kalman" => HedgeMethod.Kalman, _ => HedgeMethod.Ols };
        var expected = PairBacktest.Run(times, a, b, new PairBacktestOptions(1.5, 0.25, 4, 30) { Method = hedge, FeeBps = 1 });
        Assert.Equal(BacktestHost.Bars, json.GetProperty("bars").GetInt32());
        Assert.Equal(method, json.GetProperty("method").GetString());
        var metrics = json.GetProperty("metrics");
        Assert.Equal(expected.Metrics.Trades, metrics.GetProperty("trades").GetInt32());
        Assert.True(expected.Metrics.Trades > 0);
        Assert.Equal(expected.Metrics.TotalReturn, metrics.GetProperty("total_return").GetDouble(), 12);
        Assert.Equal(expected.Metrics.MaxDrawdown, metrics.GetProperty("max_drawdown").GetDouble(), 12);
        var trades = json.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(expected.Trades.Select(t => t.Pnl), trades.Select(t => t.GetProperty("pnl").GetDouble()));
        Assert.Equal(expected.Equity.Count, json.GetProperty("equity").GetArrayLength());
    }

    [Fact]
    public async Task PostBacktest_Strategy_ReplaysTheStoredCandlesAndIsRepeatable()
    {
        var request = new { kind = "strategy", symbol = "BTA", interval = "1m", strategy = "ema-rsi" };

        var (status, first) = await PostAsync(request);
        var (_, second) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(first.GetProperty("derived_from_candles").GetBoolean());
        Assert.Equal(4 * BacktestHost.Bars, first.GetProperty("ticks").GetInt32());
        Assert.StartsWith("ema-rsi", first.GetProperty("strategy").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("summary").GetProperty("trades").GetInt32(), first.GetProperty("trades").GetArrayLength());
        Assert.Equal(first.GetRawText(), second.GetRawText());
    }

    [Theory]
    [InlineData("ema-rsi")]
    [InlineData("utbot")]
    public async Task PostBacktest_Strategy_ReportsThePairMetricSetOfItsTrades(string strategy)
    {
        var (_, pair) = await PostAsync(new { kind = "pair", a = "BTA", b = "BTB", interval = "1m", entry = 1.5, exit = 0.25, stop = 4, window = 30 });

        var (status, json) = await PostAsync(new { kind = "strategy", symbol = "BTA", interval = "1m", strategy });

        Assert.Equal(HttpStatusCode.OK, status);
        static List<string> Names(JsonElement answer) => [.. answer.GetProperty("metrics").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(Names(pair), Names(json));
        var metrics = json.GetProperty("metrics");
        var summary = json.GetProperty("summary");
        var closed = summary.GetProperty("closed").GetInt32();
        Assert.True(closed > 0, "no closed trade");
        Assert.Equal(closed, metrics.GetProperty("trades").GetInt32());

        // Equal stakes without compounding: the total return is the summed movement, the expectancy its mean, as fractions.
        Assert.Equal(summary.GetProperty("total_movement_percentage").GetDouble() / 100, metrics.GetProperty("total_return").GetDouble(), 12);
        Assert.Equal(summary.GetProperty("expectancy").GetDouble() / 100, metrics.GetProperty("expectancy").GetDouble(), 12);
        Assert.Equal(RollingStatistics.PeriodsPerYear(TimeSpan.FromMinutes(1)), metrics.GetProperty("periods_per_year").GetDouble(), 9);
        Assert.InRange(metrics.GetProperty("exposure").GetDouble(), 0, 1);
        Assert.InRange(metrics.GetProperty("max_drawdown").GetDouble(), 0, 1);
        var moves = json.GetProperty("trades").EnumerateArray()
            .Where(t => t.GetProperty("movement_percentage").ValueKind == JsonValueKind.Number)
            .Select(t => t.GetProperty("movement_percentage").GetDouble()).ToList();
        Assert.Equal(moves.Count(m => m > 0) / (double)moves.Count, metrics.GetProperty("win_rate").GetDouble(), 12);
    }

    [Fact]
    public async Task PostBacktest_StrategyRange_ReadsOnlyTheRange()
    {
        var (status, json) = await PostAsync(new { kind = "strategy", symbol = "BTA", interval = "1m", strategy = "utbot", from = "2026-01-05T01:00:00Z", to = "2026-01-05T02:00:00Z" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4 * 60, json.GetProperty("ticks").GetInt32());
    }

    [Theory]
    [InlineData("""{"kind":"nope"}""", HttpStatusCode.BadRequest, "'kind'")]
    [InlineData("""{"kind":"pair","a":"BTA"}""", HttpStatusCode.BadRequest, "'b'")]
    [InlineData("""{"kind":"pair","a":"BTA","b":"NOPE"}""", HttpStatusCode.NotFound, "NOPE")]
    [InlineData("""{"kind":"pair","a":"BTA","b":"BTB","method":"x"}""", HttpStatusCode.BadRequest, "'method'")]
    [InlineData("""{"kind":"pair","a":"BTA","b":"BTB","entry":1,"exit":2}""", HttpStatusCode.UnprocessableEntity, "exit")]
    [InlineData("""{"kind":"pair","a":"BTA","b":"BTB","interval":"5m"}""", HttpStatusCode.UnprocessableEntity, "0 5m bars in common")]
    [InlineData("""{"kind":"strategy","symbol":"BTA","strategy":"nope"}""", HttpStatusCode.BadRequest, "'strategy'")]
    [InlineData("""{"kind":"strategy","symbol":"BTA","strategy":"ema-rsi","interval":"7m"}""", HttpStatusCode.BadRequest, "'interval'")]
    [InlineData("""{"kind":"strategy","symbol":"BTA","strategy":"ema-rsi","from":"2030-01-01T00:00:00Z"}""", HttpStatusCode.UnprocessableEntity, "No stored ticks")]
    [InlineData("[1,2", HttpStatusCode.BadRequest, "not a valid back-test request")]
    public async Task PostBacktest_BadRequest_ProblemNamingTheCause(string body, HttpStatusCode expected, string detail)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync(new Uri("/api/backtest", UriKind.Relative), content);

        Assert.Equal(expected, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBacktest_BodyOverTheCap_413()
    {
        var body = "{\"kind\":\"pair\",\"pad\":\"" + new string('x', 20_000) + "\"}";
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await _host.Client.PostAsync(new Uri("/api/backtest", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostBacktest_OverItsOwnRateLimit_429WhileOtherReadsStillAnswer()
    {
        using var factory = new DashboardFactory();
        factory.Settings["QuantPulse:Api:RateLimit:BacktestPermitsPerMinute"] = "2";
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/backtest", UriKind.Relative), new { kind = "nope" });
            statuses.Add(response.StatusCode);
        }

        using var symbols = await client.GetAsync(new Uri("/api/symbols", UriKind.Relative));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, symbols.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(object body)
    {
        using var response = await _host.Client.PostAsJsonAsync(new Uri("/api/backtest", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
