using System.Globalization;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Sources.Binance;
using QuantPulse.Tests.Sources.Deriv;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

/// <summary>
/// <c>quantpulse record</c> against the in-process fake Deriv and Binance venues: real WebSockets on 127.0.0.1
/// speaking each venue's messages, with forced disconnects and back-fill.
/// </summary>
public sealed class RecordCommandTests : IDisposable
{
    private const string Header = "time,symbol,price,size";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs <c>record</c> until the file holds <paramref name="ticks"/> ticks, then interrupts it as Ctrl+C does.</summary>
    private static async Task<CliResult> RecordUntilAsync(string output, int ticks, params string[] options)
    {
        using var stop = new CancellationTokenSource();
        var run = CliRunner.RunAsync(stop.Token, ["record", .. options, "--output", output]);
        await Eventually.TrueAsync(() => run.IsCompleted || TestFiles.LinesOnDisk(output) >= 1 + ticks, $"{ticks} ticks recorded");
        await stop.CancelAsync();
        return await run;
    }

    /// <summary>The candles <c>quantpulse candles</c> builds from <paramref name="recording"/>, without the header.</summary>
    private async Task<string[]> CandlesOfAsync(string recording, string timeframe)
    {
        var candles = _temp.File("candles-" + timeframe + ".csv");
        var result = await CliRunner.RunAsync("candles", "--input", recording, "--timeframe", timeframe, "--output", candles);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        return (await File.ReadAllLinesAsync(candles))[1..];
    }

    /// <summary>The replay format's time: UTC, a fraction only when there is one, of 3, 6 or 7 digits.</summary>
    private static string Time(DateTimeOffset time)
    {
        var fraction = time.UtcTicks % TimeSpan.TicksPerSecond;
        var format = fraction == 0 ? string.Empty : fraction % 10_000 == 0 ? ".fff" : fraction % 10 == 0 ? ".ffffff" : ".fffffff";
        return time.UtcDateTime.ToString($"yyyy-MM-dd'T'HH:mm:ss{format}'Z'", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Record_DerivWithADisconnectAndBackfill_EveryTickOnceAndTheVenuesCandles()
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 150, "R_100", "R_10");
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        server.Add(new Disruption(60, DisruptionKind.Close, MissedSteps: 25));
        var output = _temp.File("ticks.csv");

        var result = await RecordUntilAsync(output, 2 * 150, "--source", "deriv", "--symbols", "R_100,R_10", "--endpoint", server.Endpoint.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(
            $@"^record: wrote 300 ticks of 2 symbols from deriv to {output.Replace(".", "\\.", StringComparison.Ordinal)} in \d+\.\d s \(interrupted\); 1 reconnect, \d+ rejected messages? \(Duplicate \d+\)$",
            result.ErrorLines[^1]);
        Assert.Empty(result.Out);
        Assert.Matches($@"^quantpulse record: {Regex(server.Endpoint.ToString())}\?app_id=1089: .+; retrying in \d\.\d s \(failure 1\)$", result.ErrorLines[0]);
        Assert.Equal($"quantpulse record: {server.Endpoint}?app_id=1089: connected again after 1 failure", result.ErrorLines[1]);
        Assert.Equal(3, result.ErrorLines.Count);
        Assert.Equal(2, server.ConnectionAttempts.Count);
        Assert.Contains(server.Requests, r => r.Contains("\"ticks_history\"", StringComparison.Ordinal));

        // Every scripted tick once, in order per symbol, the 25 missed while away included.
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(300, lines.Length - 1);
        foreach (var (symbol, ticks) in market)
        {
            Assert.Equal(
                ticks.Select(t => $"{Time(DateTimeOffset.FromUnixTimeSeconds(t.Epoch))},{symbol},{t.Price.ToString(CultureInfo.InvariantCulture)},0"),
                lines.Where(l => l.Split(',')[1] == symbol));
        }

        var scripted = market.SelectMany(s => s.Value.Select(t => new OracleTick(DateTimeOffset.FromUnixTimeSeconds(t.Epoch), s.Key, t.Price, 0m))).ToList();
        Assert.Equal(TickGroupBy.Rows(scripted, "1m"), await CandlesOfAsync(output, "1m"));
    }

    [Fact]
    public async Task Record_BinanceWithADisconnectAndRestBackfill_EveryTradeOnceAndTheVenuesCandles()
    {
        var clock = new ManualTimeProvider();
        var market = FakeBinanceServer.Market(clock, 600, "BTCUSDT", "ETHUSDT");
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.Add(new Disruption(250, DisruptionKind.Close, MissedSteps: 90));
        var output = _temp.File("ticks.csv");
        var total = market.Values.Sum(t => t.Length);

        var result = await RecordUntilAsync(
            output, total, "--source", "binance", "--symbols", "btcusdt", "--symbols", "ETHUSDT",
            "--endpoint", server.StreamEndpoint.ToString(), "--rest-endpoint", server.RestEndpoint.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(
            $@"^record: wrote {total} ticks of 2 symbols from binance to .+ \(interrupted\); 1 reconnect, \d+ rejected messages",
            result.ErrorLines[^1]);
        Assert.NotEmpty(server.RestRequests);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(total, lines.Length - 1);
        foreach (var (symbol, trades) in market)
        {
            Assert.Equal(
                trades.Select(t => $"{Time(DateTimeOffset.FromUnixTimeMilliseconds(t.Time))},{symbol},{t.Price},{t.Quantity}"),
                lines.Where(l => l.Split(',')[1] == symbol));
        }

        var scripted = market.Values.SelectMany(t => t).Select(t => new OracleTick(
            DateTimeOffset.FromUnixTimeMilliseconds(t.Time), t.Symbol, decimal.Parse(t.Price, CultureInfo.InvariantCulture), decimal.Parse(t.Quantity, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(TickGroupBy.Rows(scripted, "1m"), await CandlesOfAsync(output, "1m"));
        Assert.Equal(TickGroupBy.Rows(scripted, "1s"), await CandlesOfAsync(output, "1s"));
    }

    [Fact]
    public async Task Record_Duration_StopsByItselfExit0WithWhatItReceived()
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 40, "R_50");
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        server.StopAt(25);
        var output = _temp.File("ticks.csv");

        var run = CliRunner.Start(clock, CancellationToken.None, "record", "--source", "DERIV", "--symbols", "R_50", "--endpoint", server.Endpoint.ToString(), "--duration", "1500ms", "--output", output);
        await Eventually.TrueAsync(() => run.Result.IsCompleted || TestFiles.LinesOnDisk(output) >= 1 + 25, "25 ticks recorded");
        Assert.False(run.Result.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        var result = await run.Result;

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(market["R_50"].Take(25).Select(t => $"{Time(DateTimeOffset.FromUnixTimeSeconds(t.Epoch))},R_50,{t.Price.ToString(CultureInfo.InvariantCulture)},0"), lines[1..]);
        Assert.Matches(
            @"^record: wrote 25 ticks of 1 symbol from deriv to .+ in 1\.5 s \(duration reached\); 0 reconnects, 0 rejected messages$",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Record_BinanceForADuration_StopsByItselfExit0WithEveryTradeReceived()
    {
        var clock = new ManualTimeProvider();
        var market = FakeBinanceServer.Market(clock, 40, "BTCUSDT");
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        var output = _temp.File("ticks.csv");

        var result = await CliRunner.RunAsync(
            "record", "--source", "binance", "--symbols", "BTCUSDT", "--endpoint", server.StreamEndpoint.ToString(),
            "--rest-endpoint", server.RestEndpoint.ToString(), "--duration", "1s", "--output", output);

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(market["BTCUSDT"].Take(lines.Length - 1).Select(t => $"{Time(DateTimeOffset.FromUnixTimeMilliseconds(t.Time))},BTCUSDT,{t.Price},{t.Quantity}"), lines[1..]);
        Assert.Matches(
            $@"^record: wrote {lines.Length - 1} ticks? of 1 symbol from binance to .+ \(duration reached\); 0 reconnects, 0 rejected messages$",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Record_WarmUpAndAppId_RecordsTheHistoryFirstAndSendsTheId()
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 60, "R_100");
        await using var server = await FakeDerivServer.StartAsync(market, 20, clock, requireHistory: true);
        var output = _temp.File("ticks.csv");

        var result = await RecordUntilAsync(output, 50, "--source", "deriv", "--symbols", "R_100", "--endpoint", server.Endpoint.ToString(), "--warm-up", "10", "--app-id", "4242");

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(market["R_100"].Skip(10).Select(t => $"{Time(DateTimeOffset.FromUnixTimeSeconds(t.Epoch))},R_100,{t.Price.ToString(CultureInfo.InvariantCulture)},0"), lines[1..]);
        Assert.Contains(server.Requests, r => r.Contains("\"count\":10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_AppId_AppendedToTheEndpoint()
    {
        var result = await CliRunner.RunAsync("record", "--source", "deriv", "--symbols", "R_100", "--endpoint", $"ws://127.0.0.1:{TestFiles.ClosedPort()}/v3", "--app-id", "4242", "--duration", "200ms", "--output", _temp.File("ticks.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/v3?app_id=4242 in ", result.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_OutputDash_TicksOnStandardOutputSummaryOnStandardError()
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 5, "R_25");
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);

        var result = await CliRunner.RunAsync("record", "--source", "deriv", "--symbols", "R_25", "--endpoint", server.Endpoint.ToString(), "--duration", "1s", "--output", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(Header + "\n", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("record: wrote ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains(" to standard output in ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_OneSymbolRefused_OthersRecordedAndTheRefusalReported()
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 30, "R_100");
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        var output = _temp.File("ticks.csv");

        var result = await RecordUntilAsync(output, 30, "--source", "deriv", "--symbols", "R_100,R_NOPE", "--endpoint", server.Endpoint.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(31, (await File.ReadAllLinesAsync(output)).Length);
        Assert.Contains("quantpulse record: deriv refused R_NOPE (InvalidSymbol: Symbol R_NOPE invalid.); the other symbols were recorded", result.ErrorLines);
    }

    [Fact]
    public async Task Record_EverySymbolRefused_OneLineExit1AndNoFile()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeDerivServer.StartAsync(FakeDerivServer.Market(clock, 10, "R_100"), 0, clock, requireHistory: false);
        var output = _temp.File("ticks.csv");

        var result = await CliRunner.RunAsync("record", "--source", "deriv", "--symbols", "R_NOPE", "--endpoint", server.Endpoint.ToString(), "--duration", "20s", "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("quantpulse record: deriv: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("R_NOPE", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Record_ConnectionRefused_ReportsAttemptsHonoursTheDurationExit1()
    {
        var port = TestFiles.ClosedPort();
        var output = _temp.File("ticks.csv");
        var clock = new ManualTimeProvider();
        var endpoint = $"ws://127.0.0.1:{port}/websockets/v3?app_id=1089";

        var run = CliRunner.Start(clock, CancellationToken.None, "record", "--source", "deriv", "--symbols", "R_100", "--endpoint", $"ws://127.0.0.1:{port}/websockets/v3", "--duration", "1500ms", "--output", output);
        await Eventually.TrueAsync(() => run.Result.IsCompleted || run.ErrorSoFar.Contains("(failure 1)", StringComparison.Ordinal), "the first failure reported");
        Assert.False(run.Result.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        var result = await run.Result;

        Assert.Equal(1, result.ExitCode);

        // The first failure is reported at once; the next, within ReportInterval, only counted.
        Assert.Matches($@"^quantpulse record: {Regex(endpoint)}: .+; retrying in \d\.\d s \(failure 1\)$", Assert.Single(result.ErrorLines, l => l.Contains("retrying", StringComparison.Ordinal)));
        Assert.Matches($@"^quantpulse record: no connection to {Regex(endpoint)} in 1\.5 s \(\d+ failed attempts?; last: .+\)$", result.ErrorLines[^1]);
        Assert.Equal(2, result.ErrorLines.Count);
        Assert.Empty(result.Out);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Record_VenueRefusesThenAccepts_ReportsTheFailureAndTheReconnect()
    {
        var clock = new ManualTimeProvider();
        var market = FakeBinanceServer.Market(clock, 30, "BTCUSDT");
        await using var server = await FakeBinanceServer.StartAsync(market, clock);
        server.RefuseNext(1);
        var output = _temp.File("ticks.csv");

        var result = await RecordUntilAsync(output, 30, "--source", "binance", "--symbols", "BTCUSDT", "--endpoint", server.StreamEndpoint.ToString(), "--rest-endpoint", server.RestEndpoint.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.ErrorLines.Count);
        Assert.Matches($@"^quantpulse record: {Regex(server.StreamEndpoint.ToString())}: .+; retrying in \d\.\d s \(failure 1\)$", result.ErrorLines[0]);
        Assert.Equal($"quantpulse record: {server.StreamEndpoint}: connected again after 1 failure", result.ErrorLines[1]);
        Assert.Matches(@"^record: wrote 30 ticks of 1 symbol from binance .+; 0 reconnects, 1 failed connection attempt, 0 rejected messages$", result.ErrorLines[2]);
    }

    [Fact]
    public async Task Record_InterruptedBeforeAnyConnectionAttemptEnded_Exit130AndNoFile()
    {
        // A server that takes the TCP connection but never answers the WebSocket handshake.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var output = _temp.File("ticks.csv");
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var result = await CliRunner.RunAsync(stop.Token, "record", "--source", "binance", "--symbols", "BTCUSDT", "--endpoint", $"ws://{silent.LocalEndpoint}/market", "--output", output);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(["quantpulse record: cancelled"], result.ErrorLines);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--source: unknown source 'kraken' (use deriv or binance)", "--source", "kraken", "--symbols", "X")]
    [InlineData("--symbols: no symbols given (e.g. --symbols R_100,R_10)", "--source", "deriv", "--symbols", "")]
    [InlineData("--symbols: 'R_100,,R_10' has an empty item", "--source", "deriv", "--symbols", "R_100,,R_10")]
    [InlineData("--symbols: 'R_10' is listed twice", "--source", "deriv", "--symbols", "R_10,R_10")]
    [InlineData("--duration: '45' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)", "--source", "deriv", "--symbols", "R_10", "--duration", "45")]
    [InlineData("--duration: '0s' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)", "--source", "deriv", "--symbols", "R_10", "--duration", "0s")]
    [InlineData("--endpoint: 'http://localhost/x' is not a ws:// or wss:// URL", "--source", "deriv", "--symbols", "R_10", "--endpoint", "http://localhost/x")]
    [InlineData("--endpoint: 'localhost:8080' is not a ws:// or wss:// URL", "--source", "binance", "--symbols", "BTCUSDT", "--endpoint", "localhost:8080")]
    [InlineData("--rest-endpoint: 'ws://localhost' is not a http:// or https:// URL", "--source", "binance", "--symbols", "BTCUSDT", "--rest-endpoint", "ws://localhost")]
    [InlineData("--rest-endpoint does not apply to --source deriv", "--source", "deriv", "--symbols", "R_10", "--rest-endpoint", "http://localhost")]
    [InlineData("--app-id does not apply to --source binance", "--source", "binance", "--symbols", "BTCUSDT", "--app-id", "5")]
    [InlineData("--app-id: 0 is outside 1..2147483647", "--source", "deriv", "--symbols", "R_10", "--app-id", "0")]
    [InlineData("--warm-up: 6000 is outside 0..5000", "--source", "deriv", "--symbols", "R_10", "--warm-up", "6000")]
    [InlineData("missing required option --source VENUE", "--symbols", "R_10")]
    [InlineData("missing required option --symbols LIST", "--source", "deriv")]
    public async Task Record_BadCommandLine_OneLineExit2(string expected, params string[] options)
    {
        var output = _temp.File("ticks.csv");

        var result = await CliRunner.RunAsync(["record", .. options, "--output", output]);

        CliAssert.OneLineError(result, 2, $"quantpulse record: {expected} (see 'quantpulse record --help')");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Record_Help_ShowsEveryOption()
    {
        var result = await CliRunner.RunAsync("record", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: quantpulse record --source VENUE --symbols LIST --output PATH [OPTIONS]\n", result.Out, StringComparison.Ordinal);
        foreach (var option in new[] { "--source VENUE", "--symbols LIST", "--output PATH", "--duration DURATION", "--endpoint URL", "--rest-endpoint URL", "--app-id N", "--warm-up N" })
        {
            Assert.Contains("\n  " + option + " ", result.Out, StringComparison.Ordinal);
        }
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
