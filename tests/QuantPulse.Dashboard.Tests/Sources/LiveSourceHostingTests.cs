using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Sources.Alpaca;
using QuantPulse.Tests.Sources.Databento;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Sources;

/// <summary>
/// The dashboard host started from configuration alone with the Alpaca or Databento live source pointed at a local
/// fake venue (the simulated market off): the venue's trades go through the host's pipeline and show on the API.
/// </summary>
public sealed class LiveSourceHostingTests
{
    [Fact]
    public async Task Host_AlpacaSourceConfigured_TradesOfTheFakeVenueReachTheApi()
    {
        var market = FakeAlpacaServer.Market(new ManualTimeProvider(DateTimeOffset.UtcNow), 60, "AAPL", "MSFT");
        await using var venue = await FakeAlpacaServer.StartAsync(market);
        var (keyVariable, secretVariable) = (Variable("KEY"), Variable("SECRET"));
        Environment.SetEnvironmentVariable(keyVariable, FakeAlpacaServer.Key);
        Environment.SetEnvironmentVariable(secretVariable, FakeAlpacaServer.Secret);
        try
        {
            using var factory = new DashboardFactory();
            factory.Settings["QuantPulse:Sources:Simulated:Enabled"] = "false";
            factory.Settings["QuantPulse:Sources:Alpaca:Enabled"] = "true";
            factory.Settings["QuantPulse:Sources:Alpaca:Symbols:0"] = "AAPL";
            factory.Settings["QuantPulse:Sources:Alpaca:Symbols:1"] = "MSFT";
            factory.Settings["QuantPulse:Sources:Alpaca:StreamEndpoint"] = venue.StreamEndpoint.ToString();
            factory.Settings["QuantPulse:Sources:Alpaca:RestEndpoint"] = venue.RestEndpoint.ToString();
            factory.Settings["QuantPulse:Sources:Alpaca:KeyIdVariable"] = keyVariable;
            factory.Settings["QuantPulse:Sources:Alpaca:SecretKeyVariable"] = secretVariable;
            using var client = factory.CreateClient();

            await AssertTradesArriveAsync(client, "alpaca", market.ToDictionary(m => m.Key, m => (m.Value.Length, decimal.Parse(m.Value[^1].Price, CultureInfo.InvariantCulture))));
            Assert.Contains("/v2/iex", venue.Paths);
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
            Environment.SetEnvironmentVariable(secretVariable, null);
        }
    }

    [Fact]
    public async Task Host_DatabentoLiveSourceConfigured_TradesOfTheFakeGatewayReachTheApi()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var prices = Enumerable.Range(0, 50).Select(i => 180m + (i * 0.25m)).ToArray();
        await using var gateway = new FakeDatabentoGateway(async (_, _, stream, stop) =>
        {
            await stream.WriteAsync(FakeDatabentoGateway.Stream(w =>
            {
                w.SymbolMapping(1, "AAPL", start).SymbolMapping(2, "MSFT", start);
                for (var i = 0; i < prices.Length; i++)
                {
                    w.Trade((uint)(1 + (i % 2)), start.AddMilliseconds(250 * i), prices[i], (uint)(i + 1));
                }

                w.Message(0x17, "Heartbeat", start.AddSeconds(30));
            }), stop);
            await Task.Delay(Timeout.Infinite, stop);
        });
        var keyVariable = Variable("DATABENTO");
        Environment.SetEnvironmentVariable(keyVariable, FakeDatabentoGateway.ApiKey);
        try
        {
            using var factory = new DashboardFactory();
            factory.Settings["QuantPulse:Sources:Simulated:Enabled"] = "false";
            factory.Settings["QuantPulse:Sources:Databento:Enabled"] = "true";
            factory.Settings["QuantPulse:Sources:Databento:Dataset"] = "XNAS.ITCH";
            factory.Settings["QuantPulse:Sources:Databento:Symbols:0"] = "AAPL";
            factory.Settings["QuantPulse:Sources:Databento:Symbols:1"] = "MSFT";
            factory.Settings["QuantPulse:Sources:Databento:Gateway"] = "127.0.0.1";
            factory.Settings["QuantPulse:Sources:Databento:Port"] = gateway.Port.ToString(CultureInfo.InvariantCulture);
            factory.Settings["QuantPulse:Sources:Databento:KeyVariable"] = keyVariable;
            using var client = factory.CreateClient();

            await AssertTradesArriveAsync(client, "databento", new() { ["AAPL"] = (25, prices[^2]), ["MSFT"] = (25, prices[^1]) });
            Assert.Contains(gateway.Subscriptions, s => s.Contains("symbols=AAPL,MSFT", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
        }
    }

    private static string Variable(string what) => $"QP_TEST_{what}_{Guid.NewGuid():N}";

    /// <summary>
    /// Waits until the source has handed every trade to the pipeline, then checks the source's state and count on
    /// <c>/api/stats</c> and each symbol's last price on <c>/api/symbols</c>.
    /// </summary>
    private static async Task AssertTradesArriveAsync(HttpClient client, string source, Dictionary<string, (int Trades, decimal LastPrice)> expected)
    {
        var total = expected.Values.Sum(e => e.Trades);
        JsonElement stats = default;
        await Eventually.TrueAsync(
            async () =>
            {
                stats = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative));
                return Source(stats, source) is { } s && s.GetProperty("ticks").GetInt64() >= total && stats.GetProperty("ticks_processed").GetInt64() >= total;
            },
            $"{total} {source} ticks through the pipeline");

        var state = Source(stats, source)!.Value;
        Assert.Equal(total, state.GetProperty("ticks").GetInt64());
        Assert.Equal("live", state.GetProperty("state").GetString());
        Assert.False(state.GetProperty("simulated").GetBoolean());
        Assert.Equal(total, stats.GetProperty("ticks_processed").GetInt64());

        JsonElement symbols = default;
        await Eventually.TrueAsync(
            async () =>
            {
                symbols = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/symbols", UriKind.Relative));
                return expected.Keys.All(k => Symbol(symbols, k) is { } s && s.GetProperty("last_price").ValueKind == JsonValueKind.Number && s.GetProperty("last_price").GetDecimal() == expected[k].LastPrice);
            },
            "the last prices on /api/symbols");
        foreach (var (symbol, (_, lastPrice)) in expected)
        {
            var row = Symbol(symbols, symbol)!.Value;
            Assert.Equal(source, row.GetProperty("source").GetString());
            Assert.Equal(lastPrice, row.GetProperty("last_price").GetDecimal());
        }
    }

    private static JsonElement? Source(JsonElement stats, string kind) =>
        stats.GetProperty("sources").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(s => s!.Value.GetProperty("kind").GetString() == kind);

    private static JsonElement? Symbol(JsonElement symbols, string symbol) =>
        symbols.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(s => s!.Value.GetProperty("symbol").GetString() == symbol);
}
