using System.Globalization;
using System.Text.Json;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class AnalyticsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // statsmodels test_stattools.py: adfuller(realgdp, 4, regression=...) and coint(realcons, realgdp, maxlag=0).
    [ReferenceTheory]
    [InlineData("realgdp", "c", "4", 0.97505319, 0.99399563)]
    [InlineData("realgdp", "ct", "4", -1.8566374, 0.67682968)]
    [InlineData("infl", "c", "1", -4.3346988, 0.00038661)]
    [InlineData("infl", "n", "1", -2.4511596, 0.013747)]
    public async Task Adf_Macrodata_MatchesStatsmodels(string column, string regression, string lags, double stat, double pvalue)
    {
        var input = await MacrodataAsync(_temp, column);

        var result = await CliRunner.RunAsync("adf", "--input", input, "--regression", regression, "--lags", lags);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(stat, root.GetProperty("stat").GetDouble(), 1e-5);
        Assert.Equal(pvalue, root.GetProperty("pvalue").GetDouble(), 1e-5);
        Assert.Equal(int.Parse(lags, CultureInfo.InvariantCulture), root.GetProperty("lags").GetInt32());
        Assert.Equal(202 - int.Parse(lags, CultureInfo.InvariantCulture), root.GetProperty("nobs").GetInt32());
        Assert.Equal(regression, root.GetProperty("regression").GetString());
        Assert.Equal(3, root.GetProperty("crit").EnumerateObject().Count());
    }

    [ReferenceFact]
    public async Task Pair_RealconsOnRealgdp_MatchesStatsmodelsCoint()
    {
        var a = await MacrodataAsync(_temp, "realgdp");
        var b = await MacrodataAsync(_temp, "realcons");

        var result = await CliRunner.RunAsync("pair", "--a", a, "--b", b, "--lags", "0");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(203, root.GetProperty("n").GetInt32());
        Assert.Equal("ols", root.GetProperty("method").GetString());
        Assert.Equal(-366.75084504491315, root.GetProperty("alpha").GetDouble(), 1e-6);
        Assert.Equal(0.7190029567680871, root.GetProperty("beta").GetDouble(), 1e-9);
        Assert.Equal(-1.830170986148, root.GetProperty("eg").GetProperty("stat").GetDouble(), 1e-6);
        Assert.Equal(0, root.GetProperty("eg").GetProperty("lags").GetInt32());
        Assert.True(root.GetProperty("correlation").GetDouble() > 0.99);
    }

    [Fact]
    public async Task Pair_FilesWithDifferentTimes_AlignsOnCommonTimes()
    {
        var rows = Enumerable.Range(0, 40).Select(i => (Time: DateTimeOffset.UnixEpoch.AddDays(i), A: 10 + (i % 7) + (0.1 * i))).ToList();
        var a = await _temp.WriteLinesAsync("a.csv", ["time,close", .. rows.Select(r => Row(r.Time, r.A))]);
        var b = await _temp.WriteLinesAsync("b.csv", ["date,close", .. rows.Where((_, i) => i != 5).Select((r, i) => Row(r.Time, 1 + (2 * r.A) + (i % 3 == 0 ? 0.5 : -0.25)))]);

        var result = await CliRunner.RunAsync("pair", "--a", a, "--b", b, "--window", "10", "--lags", "1");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(39, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("beta").GetDouble(), 0.1);
    }

    [Fact]
    public async Task Pair_PerfectFit_PrintsNullStatistic()
    {
        var rows = Enumerable.Range(0, 30).Select(i => (Time: DateTimeOffset.UnixEpoch.AddDays(i), A: 10.0 + ((i * 7) % 11))).ToList();
        var a = await _temp.WriteLinesAsync("a.csv", ["time,close", .. rows.Select(r => Row(r.Time, r.A))]);
        var b = await _temp.WriteLinesAsync("b.csv", ["time,close", .. rows.Select(r => Row(r.Time, 2 + (3 * r.A)))]);

        var result = await CliRunner.RunAsync("pair", "--a", a, "--b", b, "--window", "5");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("eg").GetProperty("stat").ValueKind);
    }

    [Theory]
    [InlineData("--regression", "x")]
    [InlineData("--autolag", "hqic")]
    [InlineData("--column", "nope")]
    [InlineData("--lags", "500")]
    public async Task Adf_BadOption_ExitsTwoWithOneLine(string option, string value)
    {
        var input = await _temp.WriteLinesAsync("s.csv", ["time,close", .. Enumerable.Range(0, 30).Select(i => Row(DateTimeOffset.UnixEpoch.AddDays(i), (i * 13) % 7))]);

        var result = await CliRunner.RunAsync("adf", "--input", input, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task Adf_NonNumericValue_ExitsTwoNamingTheLine()
    {
        var input = await _temp.WriteLinesAsync("s.csv", "time,close", "2024-01-01,1", "2024-01-02,abc");

        var result = await CliRunner.RunAsync("adf", "--input", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PairTest_HandComputedSeries_PrintsMetricsAndWritesTrades()
    {
        // Same series as the Core back-test test: b = 1 + 2a on the 3 training bars, then spreads 3,1,1,-5,20,20.
        double[] spreads = [0, 0, 0, 3, 1, 1, -5, 20, 20];
        var times = Enumerable.Range(0, spreads.Length).Select(i => DateTimeOffset.UnixEpoch.AddDays(i)).ToArray();
        var prices = spreads.Select((s, t) => (A: t < 3 ? t + 1.0 : 10.0, S: s)).ToArray();
        var a = await _temp.WriteLinesAsync("a.csv", ["time,close", .. prices.Select((p, t) => Row(times[t], p.A))]);
        var b = await _temp.WriteLinesAsync("b.csv", ["time,close", .. prices.Select((p, t) => Row(times[t], 1 + (2 * p.A) + p.S))]);
        var trades = _temp.File("trades.csv");

        var result = await CliRunner.RunAsync("pairtest", "--a", a, "--b", b, "--entry", "1", "--exit", "0.5", "--stop", "3", "--window", "3", "--train", "3", "--output", trades);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetProperty("trades").GetInt32());
        Assert.Equal((2.0 / 44) + (25.0 / 36), json.RootElement.GetProperty("total_return").GetDouble(), 1e-12);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("profit_factor").ValueKind);
        var lines = await File.ReadAllLinesAsync(trades);
        Assert.Equal("entry_time,exit_time,direction,entry_z,exit_z,exit_reason,pnl", lines[0]);
        Assert.StartsWith("1970-01-04T00:00:00Z,1970-01-05T00:00:00Z,short,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",exit,2", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("1970-01-07T00:00:00Z,1970-01-09T00:00:00Z,long,", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",end,25", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PairTest_ExitAboveEntry_ExitsTwo()
    {
        var rows = Enumerable.Range(0, 30).Select(i => Row(DateTimeOffset.UnixEpoch.AddDays(i), 10 + ((i * 7) % 11))).ToArray();
        var a = await _temp.WriteLinesAsync("a.csv", ["time,close", .. rows]);
        var b = await _temp.WriteLinesAsync("b.csv", ["time,close", .. rows]);

        var result = await CliRunner.RunAsync("pairtest", "--a", a, "--b", b, "--entry", "1", "--exit", "2", "--stop", "3", "--window", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    private static string Row(DateTimeOffset time, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ssZ},{value}");

    // macrodata.csv has year and quarter; the CLI wants a time column, so the quarter's first day stands for it.
    internal static async Task<string> MacrodataAsync(TempDirectory temp, string column)
    {
        var lines = await File.ReadAllLinesAsync(ReferenceData.PathOf("vectors", "macrodata.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        var (year, quarter, value) = (header.IndexOf("year"), header.IndexOf("quarter"), header.IndexOf(column));
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c =>
        {
            var month = ((int)double.Parse(c[quarter], CultureInfo.InvariantCulture) - 1) * 3 + 1;
            return string.Create(CultureInfo.InvariantCulture, $"{(int)double.Parse(c[year], CultureInfo.InvariantCulture)}-{month:00}-01,{c[value]}");
        });
        return await temp.WriteLinesAsync(column + ".csv", ["date,close", .. rows]);
    }
}
