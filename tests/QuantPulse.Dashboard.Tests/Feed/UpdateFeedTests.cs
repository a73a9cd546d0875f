using System.Net.WebSockets;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Feed;

/// <summary>The live feed over a real WebSocket on loopback, fed by the simulated market with 1-second candles.</summary>
public sealed class UpdateFeedTests : IClassFixture<LiveHost>
{
    private readonly LiveHost _host;

    public UpdateFeedTests(LiveHost host) => _host = host;

    [Fact]
    public async Task Subscribe_TickChannel_ConfirmsThenStreamsTicksOfThatSymbolOnly()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);

        await feed.SendAsync("""{"action":"subscribe","symbols":["SIM_V25"],"channels":["tick"]}""");

        var subscribed = await feed.ReceiveTypeAsync("subscribed");
        Assert.Equal("""["SIM_V25"]""", subscribed.GetProperty("symbols").GetRawText());
        Assert.Equal("""["tick"]""", subscribed.GetProperty("channels").GetRawText());
        for (var i = 0; i < 5; i++)
        {
            var tick = (await feed.ReceiveTypeAsync("tick")).GetProperty("data");
            Assert.Equal("SIM_V25", tick.GetProperty("symbol").GetString());
            Assert.Equal("simulated", tick.GetProperty("source").GetString());
            Assert.Equal(JsonValueKind.Number, tick.GetProperty("price").ValueKind);
            Assert.EndsWith("Z", tick.GetProperty("time").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subscribe_EverySymbolAndOneByName_EachTickArrivesOnce()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);
        await feed.SendAsync("""{"action":"subscribe","symbols":["*","SIM_V25"],"channels":["tick"]}""");
        await feed.ReceiveTypeAsync("subscribed");

        var seen = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            seen.Add((await feed.ReceiveTypeAsync("tick")).GetProperty("data").GetRawText());
        }

        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(seen, t => !t.Contains("\"SIM_V25\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribe_CandleChannelAllSymbols_StreamsClosedCandlesWithIndicators()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);

        await feed.SendAsync("""{"action":"subscribe","symbols":["*"],"channels":["candle"]}""");

        var candle = (await feed.ReceiveTypeAsync("candle")).GetProperty("data");
        Assert.Contains(candle.GetProperty("interval").GetString(), new[] { "1s", "1m", "5m" });
        Assert.StartsWith("SIM_", candle.GetProperty("symbol").GetString(), StringComparison.Ordinal);
        Assert.True(candle.GetProperty("ticks").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Object, candle.GetProperty("indicators").ValueKind);
        Assert.True(candle.GetProperty("indicators").TryGetProperty("ema_20", out _));
    }

    [Fact]
    public async Task Ping_AnyTime_AnswersPong()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);

        await feed.SendAsync("""{"action":"ping"}""");

        Assert.Equal("pong", (await feed.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unsubscribe_EverySymbol_ConfirmsEmptySubscription()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);
        await feed.SendAsync("""{"action":"subscribe","symbols":["SIM_V100","SIM_V25"],"channels":["signal","trade"]}""");
        await feed.ReceiveTypeAsync("subscribed");

        await feed.SendAsync("""{"action":"unsubscribe","symbols":["SIM_V100","SIM_V25"]}""");

        var reply = await feed.ReceiveTypeAsync("subscribed");
        Assert.Equal("[]", reply.GetProperty("symbols").GetRawText());
        Assert.Equal("[]", reply.GetProperty("channels").GetRawText());
    }

    [Theory]
    [InlineData("{not json", "invalid JSON")]
    [InlineData("""{"action":"dance"}""", "unknown action")]
    [InlineData("""{"action":"subscribe","symbols":["SIM_V100"],"channels":["news"]}""", "unknown channel")]
    [InlineData("""{"action":"subscribe","symbols":["bad symbol!"]}""", "not a valid symbol")]
    [InlineData("""{"action":"subscribe"}""", "'symbols'")]
    [InlineData("[1,2,3]", "JSON object")]
    public async Task Send_BadMessage_ErrorEventAndTheConnectionStays(string message, string expected)
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);

        await feed.SendAsync(message);

        var error = await feed.ReceiveAsync();
        Assert.Equal("error", error!.Value.GetProperty("type").GetString());
        Assert.Contains(expected, error.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
        await feed.SendAsync("""{"action":"ping"}""");
        Assert.Equal("pong", (await feed.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Send_FrameOver4KB_ErrorEventAndTheConnectionStays()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);

        await feed.SendAsync("{\"action\":\"ping\",\"padding\":\"" + new string('x', 5000) + "\"}");

        var error = await feed.ReceiveAsync();
        Assert.Contains("4096 bytes", error!.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
        await feed.SendAsync("""{"action":"ping"}""");
        Assert.Equal("pong", (await feed.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Send_Over100BadMessages_ClosedWithPolicyViolation()
    {
        await using var feed = await FeedConnection.ConnectAsync(_host.Address);

        for (var i = 0; i < 101; i++)
        {
            await feed.SendAsync("garbage");
        }

        var errors = 0;
        while (await feed.ReceiveAsync() is { } message)
        {
            Assert.Equal("error", message.GetProperty("type").GetString());
            errors++;
        }

        Assert.Equal(101, errors);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, feed.Socket.CloseStatus);
    }

    [Fact]
    public async Task Get_WithoutUpgrade_ProblemDetails400()
    {
        using var client = new HttpClient { BaseAddress = _host.Address };

        using var response = await client.GetAsync(new Uri("/ws/updates", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>A dashboard on Kestrel running the simulated market with 1-second, 1-minute and 5-minute candles.</summary>
public sealed class LiveHost : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public LiveHost()
    {
        _factory.Settings["QuantPulse:Candles:Timeframes:0"] = "1s";
        _factory.Settings["QuantPulse:Candles:Timeframes:1"] = "1m";
        _factory.Settings["QuantPulse:Candles:Timeframes:2"] = "5m";
        Address = FeedConnection.StartKestrel(_factory);
    }

    public Uri Address { get; }

    public void Dispose() => _factory.Dispose();
}
