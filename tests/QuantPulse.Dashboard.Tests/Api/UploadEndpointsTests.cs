using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Security;
using QuantPulse.Dashboard.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

public sealed class UploadEndpointsTests : IClassFixture<SecuredHost>
{
    private readonly SecuredHost _host;

    public UploadEndpointsTests(SecuredHost host) => _host = host;

    public static TheoryData<string, string> BadRows => new()
    {
        { "UPX,1m,2026-01-05T00:00:00Z,abc,101,99,100,1,1", "open 'abc' is not a number" },
        { "UPX,1m,2026-01-05T00:00:00Z,100,99,101,100,1,1", "high 99 is below low 101" },
        { "UPX,1m,2026-01-05T00:00:00Z,102,101,99,100,1,1", "open 102 is outside low 99 .. high 101" },
        { "UPX,1m,2026-01-05T00:00:00Z,100,101,99,98,1,1", "close 98 is outside low 99 .. high 101" },
        { "UPX,1m,yesterday,100,101,99,100,1,1", "open_time 'yesterday' is not" },
        { "UPX,7m,2026-01-05T00:00:00Z,100,101,99,100,1,1", "timeframe '7m' is not a timeframe" },
        { "UPX,5m,2026-01-05T00:01:00Z,100,101,99,100,1,1", "not the start of a 5m bucket" },
        { "UPX,1m,2999-01-05T00:00:00Z,100,101,99,100,1,1", "has not ended yet" },
        { "UPX,1m,2026-01-05T00:00:00Z,100,101,99,100,-1,1", "volume -1 is negative" },
        { "UPX,1m,2026-01-05T00:00:00Z,0,0,0,0,1,1", "low 0 is not positive" },
        { "UP X,1m,2026-01-05T00:00:00Z,100,101,99,100,1,1", "symbol 'UP X' is not" },
        { "UPX,1m,2026-01-05T00:00:00Z,100,101,99,100,1,x", "ticks 'x' is not a whole number" },
        { "UPX,1m,2026-01-05T00:00:00Z,100,101,99", "6 fields, the header has 9" },
    };

    [Fact]
    public async Task Upload_GoodCsv_StoresEveryRowAsCandles()
    {
        var csv = OhlcFile.Csv(OhlcFile.Rows("UPGOOD", 0, 30));

        var (status, report) = await UploadAsync(csv, "text/csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(30, report.GetProperty("accepted").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
        Assert.Empty(report.GetProperty("errors").EnumerateArray());
        var candles = (await GetJsonAsync("/api/candles?symbol=UPGOOD&interval=1m")).GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal(30, candles.Count);
        Assert.Equal(OhlcFile.Close(0, 29), candles[^1].GetProperty("close").GetDecimal());
        Assert.Equal("2026-01-05T00:00:00Z", candles[0].GetProperty("open_time").GetString());
    }

    [Fact]
    public async Task Upload_ExportedCsv_RoundTripsThroughTheExport()
    {
        var csv = OhlcFile.Csv(OhlcFile.Rows("UPTRIP", 1, 12));
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(csv, "text/csv")).Status);

        var exported = await _host.Client.GetStringAsync(new Uri("/api/export/UPTRIP?timeframe=1m", UriKind.Relative));

        Assert.Equal(csv, exported);
    }

    [Fact]
    public async Task Upload_JsonArray_StoresTheBarsWithDefaults()
    {
        var json = """
            [{"open_time":"2026-01-05T00:00:00Z","open":10,"high":11,"low":9.5,"close":10.5,"volume":"3"},
             {"open_time":"2026-01-05T00:05:00Z","open":"10.5","high":12,"low":10,"close":11.25}]
            """;

        var (status, report) = await UploadAsync(json, "application/json", "?symbol=UPJSON&timeframe=5m");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        var candles = (await GetJsonAsync("/api/candles?symbol=UPJSON&interval=5m")).GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal([10.5m, 11.25m], candles.Select(c => c.GetProperty("close").GetDecimal()));
        Assert.Equal(3m, candles[0].GetProperty("volume").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task Upload_BadRow_RejectsItWithItsReasonAndStoresNothing(string row, string reason)
    {
        var symbol = "UPBAD" + (uint)row.GetHashCode(StringComparison.Ordinal) % 100_000;
        var good = OhlcFile.Rows(symbol, 0, 3, first: 100).ToList();
        var csv = OhlcFile.Csv(good.Take(1), [row.Replace("UPX", symbol, StringComparison.Ordinal).Replace("UP X", symbol[..2] + " " + symbol[2..], StringComparison.Ordinal)], good.Skip(1));

        var (status, report) = await UploadAsync(csv, "text/csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(0, report.GetProperty("accepted").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt64());
        Assert.Contains(reason.Replace("UP X", symbol[..2] + " " + symbol[2..], StringComparison.Ordinal), error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(new Uri($"/api/candles?symbol={symbol}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Upload_DuplicateRowsInTheFile_RejectsTheLaterOne()
    {
        var rows = OhlcFile.Rows("UPDUP", 0, 3).ToList();
        var csv = OhlcFile.Csv(rows, [rows[1]]);

        var (status, report) = await UploadAsync(csv, "text/csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("row").GetInt64());
        Assert.StartsWith("duplicate of row 3", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_RowsAlreadyStored_RejectsTheWholeSecondUpload()
    {
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(OhlcFile.Csv(OhlcFile.Rows("UPTWICE", 0, 5)), "text/csv")).Status);

        var (status, report) = await UploadAsync(OhlcFile.Csv(OhlcFile.Rows("UPTWICE", 0, 10, first: 3)), "text/csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());
        Assert.All(report.GetProperty("errors").EnumerateArray(), e => Assert.StartsWith("already stored", e.GetProperty("reason").GetString(), StringComparison.Ordinal));
        var candles = (await GetJsonAsync("/api/candles?symbol=UPTWICE")).GetProperty("candles").EnumerateArray();
        Assert.Equal(5, candles.Count());
    }

    [Fact]
    public async Task Upload_ManyBadRows_ListsTheFirstHundredAndCountsAll()
    {
        var rows = Enumerable.Range(0, 150).Select(i => $"UPMANY,1m,{OhlcFile.Start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'},1,2,3,1,0,1");

        var (_, report) = await UploadAsync(OhlcFile.Csv(rows), "text/csv");

        Assert.Equal(150, report.GetProperty("rejected").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(2, 100).Select(i => (long)i), errors);
    }

    [Fact]
    public async Task Upload_WithoutCredentials_401AndStoresNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload/ohlc")
        {
            Content = new StringContent(OhlcFile.Csv(OhlcFile.Rows("UPANON", 0, 3)), Encoding.UTF8, "text/csv"),
        };

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(new Uri("/api/candles?symbol=UPANON", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Upload_BearerToken_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload/ohlc")
        {
            Content = new StringContent(OhlcFile.Csv(OhlcFile.Rows("UPJWT", 0, 2)), Encoding.UTF8, "text/csv"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create());

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain", "x", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"open\":1}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("text/csv", "open,high\n1,2\n", HttpStatusCode.UnprocessableEntity)]
    [InlineData("text/csv", "", HttpStatusCode.UnprocessableEntity)]
    public async Task Upload_UnusableBody_AnswersWithoutStoring(string contentType, string body, HttpStatusCode expected)
    {
        var (status, _) = await UploadAsync(body, contentType, "?symbol=UPBODY&timeframe=1m");

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Upload_OverTheSizeCap_413()
    {
        using var factory = new DashboardFactory();
        factory.Settings["QuantPulse:Api:ApiKeys:0"] = SecuredHost.ApiKey;
        factory.Settings["QuantPulse:Api:MaxUploadBytes"] = "2000";
        using var client = factory.CreateClient();
        var small = OhlcFile.Csv(OhlcFile.Rows("UPCAP", 0, 5));
        var large = OhlcFile.Csv(OhlcFile.Rows("UPCAP", 0, 50));
        Assert.True(small.Length < 2000 && large.Length > 2000);

        var (smallStatus, _) = await UploadAsync(client, small, "text/csv", string.Empty);
        var (largeStatus, _) = await UploadAsync(client, large, "text/csv", "?symbol=UPCAP2");

        Assert.Equal(HttpStatusCode.OK, smallStatus);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, largeStatus);
    }

    [Fact]
    public async Task Upload_HostRestarted_SymbolsStillListedAsUploadedAndUsableByTheAnalytics()
    {
        var directory = Directory.CreateTempSubdirectory("qp-upload-restart-");
        try
        {
            var database = Path.Combine(directory.FullName, "restart.db");
            using (var before = new DashboardFactory())
            {
                before.Settings["QuantPulse:Api:ApiKeys:0"] = SecuredHost.ApiKey;
                before.Settings["QuantPulse:Storage:Path"] = database;
                using var client = before.CreateClient();
                var csv = OhlcFile.Csv(OhlcFile.Rows("UPRA", 0, 200), OhlcFile.Rows("UPRB", 1, 200));
                Assert.Equal(HttpStatusCode.OK, (await UploadAsync(client, csv, "text/csv", string.Empty)).Status);
            }

            using var after = new DashboardFactory();
            after.Settings["QuantPulse:Storage:Path"] = database;
            using var restarted = after.CreateClient();

            var symbols = JsonDocument.Parse(await restarted.GetStringAsync(new Uri("/api/symbols", UriKind.Relative))).RootElement;
            var uploaded = symbols.EnumerateArray().Where(s => s.GetProperty("symbol").GetString() is "UPRA" or "UPRB").ToList();
            Assert.Equal(2, uploaded.Count);
            Assert.All(uploaded, s =>
            {
                Assert.Equal("upload", s.GetProperty("source").GetString());
                Assert.False(s.GetProperty("simulated").GetBoolean());
                Assert.Equal("stored", s.GetProperty("state").GetString());
            });
            foreach (var url in new[]
            {
                "/api/analytics/symbol?symbol=UPRA&interval=1m&window=20",
                "/api/analytics/correlation?symbols=UPRA,UPRB&interval=1m&window=20",
                "/api/analytics/pair?a=UPRA&b=UPRB&interval=1m&window=20",
                "/api/candles?symbol=UPRB&interval=1m",
            })
            {
                using var response = await restarted.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            using var backtest = await restarted.PostAsync(
                new Uri("/api/backtest", UriKind.Relative),
                new StringContent("""{"kind":"pair","a":"UPRA","b":"UPRB","interval":"1m","window":20}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, backtest.StatusCode);
            Assert.Equal(200, JsonDocument.Parse(await backtest.Content.ReadAsStringAsync()).RootElement.GetProperty("bars").GetInt32());
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pooled connection; the temp directory is cleaned by the OS.
            }
        }
    }

    private Task<(HttpStatusCode Status, JsonElement Report)> UploadAsync(string body, string contentType, string query = "") =>
        UploadAsync(_host.Client, body, contentType, query);

    internal static async Task<(HttpStatusCode Status, JsonElement Report)> UploadAsync(HttpClient client, string body, string contentType, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/upload/ohlc" + query)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Api-Key", SecuredHost.ApiKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _host.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
