using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

/// <summary>
/// A tick file replayed through the host gives the same candles as <c>quantpulse candles</c> and the same trades as
/// <c>quantpulse backtest</c> on that file. A replay closes every series' last bucket when the file ends, as both
/// commands do, so the two agree to the last candle.
/// </summary>
public sealed class ReplayParityTests(ReplayFixture replay, TradeReplayFixture trades)
    : ReplayParityContract(replay, trades), IClassFixture<ReplayFixture>, IClassFixture<TradeReplayFixture>;

/// <summary>The same with the host storing in PostgreSQL (the commands keep their own SQLite files).</summary>
[Collection(PostgresReplayCollection.Name)]
public sealed class PostgresReplayParityTests(PostgresReplayHosts hosts) : ReplayParityContract(hosts.Replay, hosts.Trades);

/// <summary>The parity checks, whatever the host stores in.</summary>
public abstract class ReplayParityContract(ReplayFixture replay, ReplayFixture trades)
{
    private readonly ReplayFixture _replay = replay;
    private readonly ReplayFixture _trades = trades;

    [Theory]
    [InlineData("1m")]
    [InlineData("5m")]
    public async Task Export_ReplayedFile_EqualsTheCandlesCommand(string timeframe)
    {
        var output = Path.Combine(_replay.Factory.ScratchDirectory, $"cli-{timeframe}.csv");
        var (exit, error) = await RunCliAsync("candles", "--input", TickFilePath(_replay), "--timeframe", timeframe, "--output", output);
        Assert.True(exit == 0, error);
        var cli = (await File.ReadAllLinesAsync(output)).ToList();

        foreach (var symbol in new[] { "TST", "TST2" })
        {
            var api = (await _replay.Client.GetStringAsync(new Uri($"/api/export/{symbol}?timeframe={timeframe}", UriKind.Relative)))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var expected = cli.Skip(1).Where(line => line.StartsWith(symbol + ",", StringComparison.Ordinal)).ToList();
            Assert.Equal(cli[0], api[0]);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, api.Skip(1));

            // The last candle is the file's last, partial bucket: the end of the replay closed it.
            var lastTick = _replay.Ticks.Last(t => t.Symbol == symbol).Time;
            var bucket = TimeSpan.FromMinutes(timeframe == "1m" ? 1 : 5).Ticks;
            var lastBucket = new DateTimeOffset(lastTick.UtcTicks - (lastTick.UtcTicks % bucket), TimeSpan.Zero);
            Assert.Equal(lastBucket.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), api[^1].Split(',')[2]);
        }
    }

    [Theory]
    [InlineData("ema-rsi", "1m")]
    [InlineData("ema-rsi", "5m")]
    [InlineData("utbot", "1m")]
    [InlineData("utbot", "5m")]
    public async Task Trades_ReplayedFile_EqualTheBacktestCommand(string strategy, string timeframe)
    {
        var directory = _trades.Factory.ScratchDirectory;
        var output = Path.Combine(directory, $"trades-{strategy}-{timeframe}.csv");
        var (exit, error) = await RunCliAsync(
            "backtest", "--input", TickFilePath(_trades), "--strategy", strategy, "--timeframe", timeframe,
            "--max-open-trades", TradeReplayFixture.MaxOpenTrades,
            "--db", "sqlite:" + Path.Combine(directory, $"backtest-{strategy}-{timeframe}.db"), "--output", output);
        Assert.True(exit == 0, error);
        var lines = await File.ReadAllLinesAsync(output);
        var header = lines[0].Split(',');
        var expected = lines.Skip(1)
            .Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))
            .Select(Row)
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(expected);

        // The store is written a moment after the pipeline: wait until the host has every trade it will have.
        List<string> actual = [];
        var series = $":{timeframe}:";
        await Eventually.TrueAsync(
            async () =>
            {
                var trades = await _trades.GetJsonAsync($"/api/trades?strategy={strategy}&limit=10000");
                actual = [.. trades.GetProperty("trades").EnumerateArray()
                    .Where(t => t.GetProperty("id").GetString()!.Contains(series, StringComparison.Ordinal))
                    .Select(t => Row(t.EnumerateObject().ToDictionary(p => p.Name, p => Cell(p.Value), StringComparer.Ordinal)))
                    .OrderBy(r => r, StringComparer.Ordinal)];
                return actual.Count >= expected.Count && actual.Count(r => r.Contains("|closed|", StringComparison.Ordinal)) >= expected.Count(r => r.Contains("|closed|", StringComparison.Ordinal));
            },
            "the host's trades reach the back-test's count");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Signals_ReplayedFile_NewestFirstWithEveryColumnFilteredAndBehindEveryTrade()
    {
        List<JsonElement> all = [];
        List<JsonElement> trades = [];
        await Eventually.TrueAsync(
            async () =>
            {
                all = [.. (await _trades.GetJsonAsync("/api/signals?limit=10000")).GetProperty("signals").EnumerateArray()];
                trades = [.. (await _trades.GetJsonAsync("/api/trades?limit=10000")).GetProperty("trades").EnumerateArray()];
                var ids = all.Select(s => s.GetProperty("id").GetString()).ToHashSet(StringComparer.Ordinal);
                return trades.Count > 0 && trades.All(t => ids.Contains(t.GetProperty("signal_id").GetString()));
            },
            "every stored trade's signal is stored");

        var buys = (await _trades.GetJsonAsync("/api/signals?type=BUY&strategy=utbot&limit=10000")).GetProperty("signals").EnumerateArray().ToList();

        Assert.Equal(
            ["id", "asset", "timestamp", "type", "confidence", "entry_price", "stop_loss", "take_profit", "rr_ratio", "strategy", "confirmations"],
            all[0].EnumerateObject().Select(p => p.Name));
        var times = all.Select(s => s.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.NotEmpty(buys);
        Assert.Equal(all.Count(s => s.GetProperty("type").GetString() == "BUY" && s.GetProperty("strategy").GetString() == "utbot"), buys.Count);
        Assert.All(buys, s => Assert.Equal(("BUY", "utbot"), (s.GetProperty("type").GetString(), s.GetProperty("strategy").GetString())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?asset=TST2")]
    [InlineData("?strategy=utbot")]
    [InlineData("?asset=TST&strategy=ema-rsi")]
    public async Task Performance_ReplayedFile_AgreesWithTheTradesItSelects(string filter)
    {
        var trades = await SettledTradesAsync(_trades, filter);
        Assert.NotEmpty(trades);
        var performance = await _trades.GetJsonAsync("/api/stats/performance" + filter);

        AssertSummary(trades, performance);
        AssertGroups(trades, performance.GetProperty("by_asset"), t => t.GetProperty("asset").GetString()!, k => k.GetString()!);
        AssertGroups(trades, performance.GetProperty("by_strategy"), t => t.GetProperty("strategy").GetString()!, k => k.GetString()!);
        AssertGroups(
            trades,
            performance.GetProperty("by_hour"),
            t => t.GetProperty("open_time").GetDateTimeOffset().UtcDateTime.Hour.ToString(CultureInfo.InvariantCulture),
            k => k.GetInt32().ToString(CultureInfo.InvariantCulture));
    }

    // The trades the filter selects once the host has stored everything it will store: the replay has ended, no write
    // is pending and two reads in a row agree.
    private static async Task<List<JsonElement>> SettledTradesAsync(ReplayFixture replay, string filter)
    {
        var query = (filter.Length == 0 ? "?" : filter + "&") + "limit=10000";
        List<JsonElement> trades = [];
        var previous = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                var stats = await replay.GetJsonAsync("/api/stats");
                var body = await replay.Client.GetStringAsync(new Uri("/api/trades" + query, UriKind.Relative));
                var settled = stats.GetProperty("storage").GetProperty("pending_writes").GetInt64() == 0 && body == previous;
                previous = body;
                trades = [.. JsonDocument.Parse(body).RootElement.GetProperty("trades").EnumerateArray()];
                return settled;
            },
            "the stored trades stop changing");
        return trades;
    }

    private static void AssertSummary(List<JsonElement> trades, JsonElement figures)
    {
        static string? Result(JsonElement t) => t.GetProperty("result").ValueKind == JsonValueKind.Null ? null : t.GetProperty("result").GetString();
        var closed = trades.Where(t => Result(t) is not null).ToList();
        var movements = closed.Select(t => t.GetProperty("movement_percentage").GetDouble()).ToList();
        var durations = closed.Select(t => t.GetProperty("duration_seconds").GetDouble()).ToList();
        var wins = closed.Count(t => Result(t) == "WIN");

        Assert.Equal(trades.Count, figures.GetProperty("trades").GetInt64());
        Assert.Equal(wins, figures.GetProperty("wins").GetInt64());
        Assert.Equal(closed.Count(t => Result(t) == "LOSS"), figures.GetProperty("losses").GetInt64());
        Assert.Equal(closed.Count(t => Result(t) == "EXPIRED"), figures.GetProperty("expired").GetInt64());
        if (closed.Count == 0)
        {
            Assert.Equal(JsonValueKind.Null, figures.GetProperty("avg_movement_pct").ValueKind);
            return;
        }

        var sorted = movements.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        Assert.Equal((double)wins / closed.Count, figures.GetProperty("win_rate").GetDouble(), 12);
        Assert.Equal(movements.Average(), figures.GetProperty("avg_movement_pct").GetDouble(), 9);
        Assert.Equal(median, figures.GetProperty("median_movement_pct").GetDouble(), 12);
        Assert.Equal(durations.Average(), figures.GetProperty("avg_duration_seconds").GetDouble(), 6);
    }

    private static void AssertGroups(List<JsonElement> trades, JsonElement groups, Func<JsonElement, string> keyOfTrade, Func<JsonElement, string> key)
    {
        var expected = trades.GroupBy(keyOfTrade, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var actual = groups.EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(g => key(g.GetProperty("key"))).Order(StringComparer.Ordinal));
        foreach (var group in actual)
        {
            AssertSummary(expected[key(group.GetProperty("key"))], group);
        }
    }

    private static string TickFilePath(ReplayFixture replay) => Path.Combine(replay.Factory.ScratchDirectory, "ticks.csv");

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    // One trade as comparable text: the columns of the trades table, numbers and times parsed (the API writes JSON
    // numbers and ISO times with milliseconds where sub-second, the command CSV cells).
    private static string Row(Dictionary<string, string> cells)
    {
        static string Number(string text) => text.Length == 0 ? "-" : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        static string Real(string text) => text.Length == 0 ? "-" : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        static string Time(string text) => text.Length == 0 ? "-" : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks.ToString(CultureInfo.InvariantCulture);
        var state = cells["close_time"].Length == 0 ? "open" : "closed";
        return string.Join(
            '|',
            cells["id"],
            cells["signal_id"],
            cells["asset"],
            Number(cells["entry_price"]),
            Number(cells["stop_loss"]),
            Number(cells["take_profit"]),
            Time(cells["open_time"]),
            state,
            Time(cells["close_time"]),
            cells["result"].Length == 0 ? "-" : cells["result"],
            Real(cells["duration_seconds"]),
            Real(cells["movement_percentage"]),
            Number(cells["close_price"]));
    }

    private static async Task<(int Exit, string Error)> RunCliAsync(params string[] args)
    {
        // The CLI's own build folder (same configuration and framework as the tests).
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var cli = Path.Combine(ReferenceData.RepositoryRoot, "samples", "QuantPulse.Cli", "bin", framework.Parent!.Name, framework.Name, "quantpulse.dll");
        Assert.True(File.Exists(cli), $"{cli} is not built");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("quantpulse did not start");
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var error = process.StandardError.ReadToEndAsync(hang.Token);
        _ = await process.StandardOutput.ReadToEndAsync(hang.Token);
        await process.WaitForExitAsync(hang.Token);
        return (process.ExitCode, await error);
    }
}
