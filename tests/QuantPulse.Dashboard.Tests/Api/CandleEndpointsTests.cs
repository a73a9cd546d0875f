using System.Globalization;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

/// <summary>The candle, symbol, price, export and stats endpoints on a finished replay, on SQLite.</summary>
public sealed class CandleEndpointsTests(ReplayFixture replay, ShortWindowReplayFixture shortWindow)
    : CandleEndpointsContract(replay, shortWindow, "sqlite"), IClassFixture<ReplayFixture>, IClassFixture<ShortWindowReplayFixture>;

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresReplayCollection.Name)]
public sealed class PostgresCandleEndpointsTests(PostgresReplayHosts hosts)
    : CandleEndpointsContract(hosts.Replay, hosts.ShortWindow, "postgres");

/// <summary>
/// What the read endpoints answer after a replay, whatever the store: <paramref name="shortWindow"/> keeps only 10
/// candles per series in memory, so older candles and their indicators come back from the store.
/// </summary>
public abstract class CandleEndpointsContract(ReplayFixture replay, ReplayFixture shortWindow, string provider)
{
    private readonly ReplayFixture _replay = replay;
    private readonly ReplayFixture _shortWindow = shortWindow;

    [Fact]
    public async Task GetCandles_ReplayedFile_EqualsMinuteAggregationOfTheTicks()
    {
        var json = await _replay.GetJsonAsync("/api/candles?symbol=TST&interval=1m&limit=10000");

        var expected = TickFile.MinuteCandles(_replay.Ticks, "TST");
        var candles = json.GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal("TST", json.GetProperty("symbol").GetString());
        Assert.Equal("1m", json.GetProperty("interval").GetString());
        Assert.Equal(expected.Count, candles.Count);
        for (var i = 0; i < candles.Count; i++)
        {
            var c = candles[i];
            var e = expected[i];
            Assert.Equal(e.OpenTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), c.GetProperty("open_time").GetString());
            Assert.Equal(e.Open, c.GetProperty("open").GetDecimal());
            Assert.Equal(e.High, c.GetProperty("high").GetDecimal());
            Assert.Equal(e.Low, c.GetProperty("low").GetDecimal());
            Assert.Equal(e.Close, c.GetProperty("close").GetDecimal());
            Assert.Equal(e.Volume, c.GetProperty("volume").GetDecimal());
            Assert.Equal(e.Ticks, c.GetProperty("ticks").GetInt32());
            Assert.False(c.TryGetProperty("indicators", out _));
        }
    }

    [Fact]
    public async Task GetCandles_Limit_ReturnsTheLatestAscending()
    {
        var all = (await _replay.GetJsonAsync("/api/candles?symbol=TST&limit=10000")).GetProperty("candles").EnumerateArray().ToList();

        var last3 = (await _replay.GetJsonAsync("/api/candles?symbol=TST&limit=3")).GetProperty("candles").EnumerateArray().ToList();

        Assert.Equal(all.TakeLast(3).Select(OpenTime), last3.Select(OpenTime));
    }

    [Fact]
    public async Task GetCandles_FromTo_SelectsHalfOpenRangeInIsoOrUnixSeconds()
    {
        var from = TickFile.Start.AddMinutes(5);
        var to = TickFile.Start.AddMinutes(10);

        var iso = (await _replay.GetJsonAsync($"/api/candles?symbol=TST&from={from.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}&to={to.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"))
            .GetProperty("candles").EnumerateArray().Select(OpenTime).ToList();
        var unix = (await _replay.GetJsonAsync($"/api/candles?symbol=TST&from={from.ToUnixTimeSeconds()}&to={to.ToUnixTimeSeconds()}"))
            .GetProperty("candles").EnumerateArray().Select(OpenTime).ToList();

        Assert.Equal(["2026-01-05T00:05:00Z", "2026-01-05T00:06:00Z", "2026-01-05T00:07:00Z", "2026-01-05T00:08:00Z", "2026-01-05T00:09:00Z"], iso);
        Assert.Equal(iso, unix);
    }

    [Fact]
    public async Task GetOhlc_SameSeries_EqualsCandlesPayload()
    {
        var candles = await _replay.GetJsonAsync("/api/candles?symbol=TST2&interval=5m&limit=4");

        var ohlc = await _replay.GetJsonAsync("/api/ohlc/TST2?timeframe=5m&limit=4");

        Assert.Equal(candles.GetRawText(), ohlc.GetRawText());
        Assert.Equal("5m", ohlc.GetProperty("interval").GetString());
    }

    [Fact]
    public async Task GetCandles_WithIndicators_NullDuringWarmUpThenValues()
    {
        var candles = (await _replay.GetJsonAsync("/api/candles?symbol=TST&limit=10000&indicators=true")).GetProperty("candles").EnumerateArray().ToList();

        var ema20 = candles.Select(c => c.GetProperty("indicators").GetProperty("ema_20")).ToList();
        Assert.All(ema20.Take(19), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.All(ema20.Skip(19), v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
        Assert.True(candles[^1].GetProperty("indicators").TryGetProperty("rsi_14", out _));
    }

    [Fact]
    public async Task GetCandles_OlderThanTheLiveWindow_IndicatorsEqualTheLiveOnes()
    {
        const string Path = "/api/candles?symbol=TST&limit=10000&indicators=true";

        var live = (await _replay.GetJsonAsync(Path)).GetProperty("candles").GetRawText();
        var replayed = (await _shortWindow.GetJsonAsync(Path)).GetProperty("candles").GetRawText();

        Assert.Equal(live, replayed);
    }

    [Fact]
    public async Task Export_Symbol_IsTheCandlesCommandCsv()
    {
        using var response = await _replay.Client.GetAsync(new Uri("/api/export/TST?timeframe=1m&to=" + TickFile.Start.AddMinutes(2).ToUnixTimeSeconds(), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var expected = TickFile.MinuteCandles(_replay.Ticks, "TST");
        Assert.Equal(
            "symbol,timeframe,open_time,open,high,low,close,volume,ticks\n"
            + string.Concat(expected.Take(2).Select(e => string.Create(
                CultureInfo.InvariantCulture,
                $"TST,1m,{e.OpenTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{e.Open},{e.High},{e.Low},{e.Close},{e.Volume},{e.Ticks}\n"))),
            text);
    }

    [Fact]
    public async Task GetSymbols_Replay_ListsBothWithLastPriceAndCompletedState()
    {
        var symbols = (await _replay.GetJsonAsync("/api/symbols")).EnumerateArray().ToList();

        Assert.Equal(["TST", "TST2"], symbols.Select(s => s.GetProperty("symbol").GetString()));
        var last = _replay.Ticks.Last(t => t.Symbol == "TST");
        Assert.Equal(last.Price, symbols[0].GetProperty("last_price").GetDecimal());
        Assert.Equal("2026-01-05T00:59:50Z", symbols[0].GetProperty("last_time").GetString());
        Assert.Equal("csv", symbols[0].GetProperty("source").GetString());
        Assert.False(symbols[0].GetProperty("simulated").GetBoolean());
        Assert.Equal("completed", symbols[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task GetPrice_KnownSymbol_ReturnsLastTick()
    {
        var price = await _replay.GetJsonAsync("/api/price/TST2");

        Assert.Equal(_replay.Ticks.Last(t => t.Symbol == "TST2").Price, price.GetProperty("price").GetDecimal());
        Assert.Equal("2026-01-05T00:59:50Z", price.GetProperty("time").GetString());
        Assert.Equal("csv", price.GetProperty("source").GetString());
    }

    [Fact]
    public async Task GetStats_AfterReplay_CountsEveryTick()
    {
        var stats = await _replay.GetJsonAsync("/api/stats");

        Assert.Equal(_replay.Ticks.Count, stats.GetProperty("ticks_processed").GetInt64());
        Assert.Equal(provider, stats.GetProperty("storage").GetProperty("provider").GetString());
        Assert.Equal(_replay.Ticks.Count, stats.GetProperty("sources")[0].GetProperty("ticks").GetInt64());
    }

    private static string? OpenTime(JsonElement candle) => candle.GetProperty("open_time").GetString();
}
