using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuantPulse.Analytics;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Tests.Api;

/// <summary>Three hours of three symbols: AAA wanders, BBB = 2 + 1.5·AAA + noise, CCC wanders on its own.</summary>
public sealed class PairReplayFixture() : ReplayFixture(PairTicks())
{
    private static List<(DateTimeOffset Time, string Symbol, decimal Price, decimal Size)> PairTicks()
    {
        var ticks = new List<(DateTimeOffset, string, decimal, decimal)>();
        double a = 50, c = 80;
        for (var i = 0; i < 3 * 60 * 3; i++)
        {
            // sin of i² is irregular enough that no short linear recurrence reproduces it (ADF needs that).
            a += 0.3 * Math.Sin(i * i * 0.37);
            c += 0.2 * Math.Sin(i * i * 0.53);
            var b = 2 + (1.5 * a) + (0.4 * Math.Sin(i * i * 0.71));
            var time = TickFile.Start.AddSeconds(20 * i);
            var size = 1m + (i % 4);
            ticks.Add((time, "AAA", Math.Round((decimal)a, 4), size));
            ticks.Add((time, "BBB", Math.Round((decimal)b, 4), size + 1));
            ticks.Add((time, "CCC", Math.Round((decimal)c, 4), size));
        }

        return ticks;
    }
}

public sealed class AnalyticsEndpointsTests : IClassFixture<PairReplayFixture>
{
    private const double Tolerance = 1e-12;
    private readonly PairReplayFixture _replay;

    public AnalyticsEndpointsTests(PairReplayFixture replay) => _replay = replay;

    private async Task<List<Candle>> CandlesAsync(string symbol, string interval = "1m")
    {
        var json = await _replay.GetJsonAsync($"/api/candles?symbol={symbol}&interval={interval}&limit=10000");
        var timeframe = Timeframe.Parse(interval);
        return
        [
            .. json.GetProperty("candles").EnumerateArray().Select(c => new Candle(
                symbol,
                timeframe,
                DateTimeOffset.Parse(c.GetProperty("open_time").GetString()!, CultureInfo.InvariantCulture),
                c.GetProperty("open").GetDecimal(),
                c.GetProperty("high").GetDecimal(),
                c.GetProperty("low").GetDecimal(),
                c.GetProperty("close").GetDecimal(),
                c.GetProperty("volume").GetDecimal(),
                c.GetProperty("ticks").GetInt32(),
                true)),
        ];
    }

    private static void AssertNumber(double? expected, JsonElement actual)
    {
        if (expected is { } e && double.IsFinite(e))
        {
            Assert.Equal(e, actual.GetDouble(), Tolerance);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
    }

    [Theory]
    [InlineData("1m", 10)]
    [InlineData("5m", 4)]
    public async Task GetSymbol_ReplayedCandles_EqualsTheLibraryOnTheSameCandles(string interval, int window)
    {
        var candles = await CandlesAsync("AAA", interval);

        var json = await _replay.GetJsonAsync($"/api/analytics/symbol?symbol=AAA&interval={interval}&window={window}&limit=10000");

        var expected = SymbolAnalytics.Analyze(candles, window);
        Assert.Equal("AAA", json.GetProperty("symbol").GetString());
        Assert.Equal(interval, json.GetProperty("interval").GetString());
        Assert.Equal(window, json.GetProperty("window").GetInt32());
        Assert.Equal(expected.PeriodsPerYear, json.GetProperty("periods_per_year").GetDouble());
        var points = json.GetProperty("points").EnumerateArray().ToList();
        Assert.True(points.Count >= 30);
        Assert.Equal(expected.Points.Count, points.Count);
        for (var t = 0; t < points.Count; t++)
        {
            var e = expected.Points[t];
            var p = points[t];
            Assert.Equal(e.OpenTime, DateTimeOffset.Parse(p.GetProperty("open_time").GetString()!, CultureInfo.InvariantCulture));
            AssertNumber(e.Close, p.GetProperty("close"));
            AssertNumber(e.Return, p.GetProperty("return"));
            AssertNumber(e.LogReturn, p.GetProperty("log_return"));
            AssertNumber(e.Mean, p.GetProperty("mean"));
            AssertNumber(e.StdDev, p.GetProperty("std"));
            AssertNumber(e.ZScore, p.GetProperty("zscore"));
            AssertNumber(e.Min, p.GetProperty("min"));
            AssertNumber(e.Max, p.GetProperty("max"));
            AssertNumber(e.Vwap, p.GetProperty("vwap"));
            AssertNumber(e.RealizedVolatility, p.GetProperty("realized_volatility"));
        }

        Assert.Equal(JsonValueKind.Null, points[0].GetProperty("return").ValueKind);
        Assert.Equal(JsonValueKind.Number, points[^1].GetProperty("realized_volatility").ValueKind);
    }

    [Fact]
    public async Task GetCorrelation_ThreeSymbols_MatrixOfLogReturnsAndRollingPairs()
    {
        var aligned = CandleAlignment.InnerJoin([await CandlesAsync("AAA"), await CandlesAsync("BBB"), await CandlesAsync("CCC")]);

        var json = await _replay.GetJsonAsync("/api/analytics/correlation?symbols=AAA,BBB,CCC&window=15&limit=10000");

        var returns = aligned.Closes.Select(c => RollingStatistics.LogReturns(c)).ToArray();
        var matrix = Correlation.Matrix([.. returns.Select(r => r.Skip(1).Select(v => v!.Value).ToArray())]);
        Assert.Equal(["AAA", "BBB", "CCC"], json.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("returns", json.GetProperty("basis").GetString());
        Assert.Equal(aligned.Times.Count - 1, json.GetProperty("n").GetInt32());
        var rows = json.GetProperty("matrix").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                AssertNumber(matrix[i][j], rows[i][j]);
            }
        }

        // BBB follows AAA, CCC does not.
        Assert.True(rows[0][1].GetDouble() > 0.5);
        Assert.Equal(aligned.Times.Count, json.GetProperty("times").GetArrayLength());
        var rolling = json.GetProperty("rolling").EnumerateArray().ToList();
        Assert.Equal(["AAA/BBB", "AAA/CCC", "BBB/CCC"], rolling.Select(r => r.GetProperty("a").GetString() + "/" + r.GetProperty("b").GetString()));
        var expected = Correlation.Rolling(returns[1], returns[2], 15);
        var actual = rolling[2].GetProperty("correlation").EnumerateArray().ToList();
        Assert.Equal(expected.Length, actual.Count);
        for (var t = 0; t < expected.Length; t++)
        {
            AssertNumber(expected[t], actual[t]);
        }
    }

    [Fact]
    public async Task GetCorrelation_CloseBasis_CorrelatesTheCloses()
    {
        var aligned = CandleAlignment.InnerJoin([await CandlesAsync("AAA"), await CandlesAsync("CCC")]);

        var json = await _replay.GetJsonAsync("/api/analytics/correlation?symbols=AAA,CCC&basis=close&limit=10000");

        AssertNumber(Correlation.Pearson(aligned.Closes[0], aligned.Closes[1]), json.GetProperty("matrix")[0][1]);
    }

    [Theory]
    [InlineData("ols", HedgeMethod.Ols)]
    [InlineData("huber", HedgeMethod.Huber)]
    [InlineData("kalman", HedgeMethod.Kalman)]
    public async Task GetPair_Method_CliReportPlusSeriesOfTheLibrary(string method, HedgeMethod hedge)
    {
        var aligned = CandleAlignment.InnerJoin([await CandlesAsync("AAA"), await CandlesAsync("BBB")]);

        var json = await _replay.GetJsonAsync($"/api/analytics/pair?a=AAA&b=BBB&method={method}&window=30&limit=10000");

        var report = PairAnalytics.Analyze(aligned.Closes[0], aligned.Closes[1], hedge, LagCriterion.Aic, null, 30);
        Assert.Equal(
            ["a", "b", "interval", "window", "n", "method", "alpha", "beta", "r2", "se_beta", "adf", "eg", "half_life", "hurst", "zscore_last", "correlation", "series"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(method, json.GetProperty("method").GetString());
        Assert.Equal(report.N, json.GetProperty("n").GetInt32());
        AssertNumber(report.Fit.Alpha, json.GetProperty("alpha"));
        AssertNumber(report.Fit.Beta, json.GetProperty("beta"));
        AssertNumber(report.Fit.RSquared, json.GetProperty("r2"));
        AssertNumber(report.Fit.SeBeta, json.GetProperty("se_beta"));
        Assert.InRange(json.GetProperty("beta").GetDouble(), 1.3, 1.7);
        AssertNumber(report.Adf.Statistic, json.GetProperty("adf").GetProperty("stat"));
        AssertNumber(report.Adf.PValue, json.GetProperty("adf").GetProperty("pvalue"));
        Assert.Equal(report.Adf.Lags, json.GetProperty("adf").GetProperty("lags").GetInt32());
        AssertNumber(report.Adf.Critical.FivePercent, json.GetProperty("adf").GetProperty("crit").GetProperty("5%"));
        AssertNumber(report.EngleGranger.Statistic, json.GetProperty("eg").GetProperty("stat"));
        AssertNumber(report.EngleGranger.Critical.OnePercent, json.GetProperty("eg").GetProperty("crit").GetProperty("1%"));
        AssertNumber(report.HalfLife, json.GetProperty("half_life"));
        AssertNumber(report.Hurst, json.GetProperty("hurst"));
        AssertNumber(report.ZScoreLast, json.GetProperty("zscore_last"));
        AssertNumber(report.Correlation, json.GetProperty("correlation"));
        var series = json.GetProperty("series");
        Assert.Equal(aligned.Times.Count, series.GetProperty("time").GetArrayLength());
        var beta = series.GetProperty("beta").EnumerateArray().ToList();
        var spread = series.GetProperty("spread").EnumerateArray().ToList();
        var z = series.GetProperty("zscore").EnumerateArray().ToList();
        for (var t = 0; t < report.N; t++)
        {
            AssertNumber(report.Beta[t], beta[t]);
            AssertNumber(report.Spread[t], spread[t]);
            AssertNumber(report.ZScore[t], z[t]);
        }
    }

    [Fact]
    public async Task GetPair_FixedLags_UsesThem()
    {
        var json = await _replay.GetJsonAsync("/api/analytics/pair?a=AAA&b=BBB&lags=2");

        Assert.Equal(2, json.GetProperty("adf").GetProperty("lags").GetInt32());
        Assert.Equal(2, json.GetProperty("eg").GetProperty("lags").GetInt32());
    }

    [Fact]
    public async Task GetPair_RangeWithTooFewCandles_400Problem()
    {
        var from = TickFile.Start.ToUnixTimeSeconds();

        using var response = await _replay.Client.GetAsync(new Uri($"/api/analytics/pair?a=AAA&b=BBB&from={from}&to={from + 120}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("share 2 closed 1m candles", detail, StringComparison.Ordinal);
    }
}
