using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using QuantPulse.Cli.Commands;
using QuantPulse.Cli.Tests.Commands;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Sources.Deriv;
using QuantPulse.Tests.Storage.Postgres;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests;

/// <summary>
/// The shipped executable (Native AOT, published once for the whole class by <see cref="NativeCli"/>) against the same
/// commands run in-process on the JIT: every command family must write the same bytes, print the same messages and
/// exit with the same code. Runs in the PostgreSQL collection for <c>backtest --db postgres:</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class NativeAotTests(NativeCli native, PostgresServer server) : IClassFixture<NativeCli>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Usage_HelpVersionAndBadArguments_SameAsJit()
    {
        string[][] runs =
        [
            [],
            ["--help"],
            ["--version"],
            ["candles", "--help"],
            ["backtest", "--help"],
            ["no-such-command"],
            ["candles", "--input"],
            ["candles", "--input", _temp.File("missing.csv"), "--timeframe", "1m", "--output", "-"],
            ["simulate", "--ticks", "ten", "--output", "-"],
        ];

        foreach (var args in runs)
        {
            await AssertSameRunAsync(args);
        }
    }

    [Fact]
    public async Task Simulate_SameSeed_SameBytesAsJit()
    {
        await AssertSameFileAsync(
            "ticks.csv",
            output => ["simulate", "--symbols", "SIM_A,SIM_B", "--seed", "7", "--ticks", "5000", "--interval", "250ms", "--output", output]);
        await AssertSameRunAsync("simulate", "--ticks", "50", "--decimals", "4", "--output", "-");
    }

    [ReferenceFact]
    public async Task Candles_DerivReferenceCsv_SameBytesAsJit()
    {
        var input = ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");

        await AssertSameFileAsync("candles.csv", output => ["candles", "--input", input, "--timeframe", "1m,5m,15m", "--output", output]);
    }

    [Fact]
    public async Task CandlesAndDbn_DbnTrades_SameBytesAsJit()
    {
        var start = new DateTimeOffset(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);
        var writer = new DbnFileWriter().Map("AAPL", 1).Map("MSFT", 2);
        for (var i = 0; i < 500; i++)
        {
            writer.Trade((uint)(1 + (i % 2)), start.AddSeconds(i * 1.3), 100m + (i % 17 * 0.25m), (uint)(1 + (i % 7)));
        }

        var dbn = writer.WriteTo(_temp.File("trades.dbn"));

        await AssertSameFileAsync("candles.csv", output => ["candles", "--input", dbn, "--timeframe", "1m,5m", "--output", output]);
        await AssertSameFileAsync("ticks.csv", output => ["dbn", "--input", dbn, "--output", output]);
    }

    [ReferenceFact]
    public async Task Indicators_SkenderDefaultQuotesEveryIndicator_SameBytesAsJit()
    {
        var input = ReferenceData.PathOf("vectors", "default.csv");

        await AssertSameFileAsync(
            "indicators.csv",
            output =>
            [
                "indicators", "--input", input, "--ema", "20", "--sma", "20", "--smma", "20", "--rsi", "14", "--atr", "14", "--tr",
                "--macd", "12,26,9", "--bb", "20,2", "--stdev", "20", "--ha", "--supertrend", "10,3", "--atr-stop", "21,3",
                "--adx", "14", "--stoch", "14,3,3", "--cci", "20", "--willr", "14", "--obv", "--vwap", "--donchian", "20",
                "--keltner", "20,2,10", "--output", output,
            ]);
    }

    [ReferenceFact]
    public async Task Backtest_SqliteSpyTradeDay_PinnedTradesSummaryAndRows()
    {
        var (output, rows) = await ReferenceOutputTests.BacktestDigestAsync(
            native.RunAsync, _temp, await ReferenceOutputTests.SpyTradeDayAsync(_temp), ReferenceOutputTests.SpyEmaRsi);

        ReferenceOutputTests.AssertDigest(ReferenceOutputTests.SpyEmaRsiOutput, output);
        ReferenceOutputTests.AssertDigest(ReferenceOutputTests.SpyEmaRsiRows, rows);
    }

    [ReferenceFact]
    public async Task Backtest_SqliteDerivReference_PinnedTradesSummaryAndRows()
    {
        var (output, rows) = await ReferenceOutputTests.BacktestDigestAsync(
            native.RunAsync, _temp, ReferenceOutputTests.DerivR100, ReferenceOutputTests.DerivUtBot);

        ReferenceOutputTests.AssertDigest(ReferenceOutputTests.DerivUtBotOutput, output);
        ReferenceOutputTests.AssertDigest(ReferenceOutputTests.DerivUtBotRows, rows);
    }

    [Fact]
    public async Task Backtest_Postgres_SameTradesSummaryAndRowsAsJit()
    {
        var input = await BacktestCommandTests.SimulatedTicksAsync(_temp);
        var databases = new Dictionary<string, string>
        {
            ["jit"] = await server.CreateDatabaseAsync(),
            ["native"] = await server.CreateDatabaseAsync(),
        };

        await AssertSameBacktestAsync(input, databases);

        var rows = await StoredRowsAsync(databases["native"]);
        Assert.Equal(await StoredRowsAsync(databases["jit"]), rows);
        Assert.True(rows.Count(r => r.StartsWith("trades ", StringComparison.Ordinal)) > 5, string.Join('\n', rows));
        Assert.Contains(rows, r => r.StartsWith("runs ", StringComparison.Ordinal) && r.Contains(",COMPLETED,t)", StringComparison.Ordinal));
    }

    [ReferenceFact]
    public async Task PairPairTestAndAdf_Macrodata_SameBytesAsJit()
    {
        var gdp = await AnalyticsCommandTests.MacrodataAsync(_temp, "realgdp");
        var consumption = await AnalyticsCommandTests.MacrodataAsync(_temp, "realcons");

        await AssertSameRunAsync("adf", "--input", gdp, "--regression", "ct", "--lags", "4");
        await AssertSameRunAsync("pair", "--a", gdp, "--b", consumption, "--lags", "0");
        await AssertSameFileAsync(
            "pair-trades.csv",
            output => ["pairtest", "--a", gdp, "--b", consumption, "--entry", "1", "--exit", "0.5", "--stop", "3", "--window", "10", "--output", output]);
    }

    [Fact]
    public async Task Token_KeyInEnvironment_SameClaimsAsJitAndAValidSignature()
    {
        const string Key = "a-signing-key-of-at-least-32-bytes!!";
        var environment = new Dictionary<string, string>
        {
            [TokenCommand.KeyVariable] = Key,
            [TokenCommand.IssuerVariable] = "desk",
            [TokenCommand.AudienceVariable] = "desk-api",
        };

        var result = await native.RunAsync(environment, "token", "--subject", "alice", "--expires", "30m");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(result.Error);
        var parts = result.Out.TrimEnd('\n').Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])), Base64Url(parts[2]));
        var claims = Base64Url(parts[1]);
        using var json = JsonDocument.Parse(claims);
        var (issuedAt, expires, id) = (json.RootElement.GetProperty("iat").GetInt64(), json.RootElement.GetProperty("exp").GetInt64(), json.RootElement.GetProperty("jti").GetString()!);
        var jit = TokenCommand.Create(Encoding.UTF8.GetBytes(Key), "alice", "desk", "desk-api", issuedAt, expires).Split('.');
        var jitClaims = Encoding.UTF8.GetString(Base64Url(jit[1]));
        var jitId = JsonDocument.Parse(jitClaims).RootElement.GetProperty("jti").GetString()!;
        Assert.Equal(jit[0], parts[0]);
        Assert.Equal(jitClaims.Replace(jitId, id, StringComparison.Ordinal), Encoding.UTF8.GetString(claims));
        Assert.Equal(1800, expires - issuedAt);

        var missing = await native.RunAsync("token", "--subject", "alice");
        Assert.Equal((1, $"quantpulse token: {TokenCommand.KeyVariable} must be set to the dashboard's signing key (at least 32 bytes)\n"), (missing.ExitCode, missing.Error));
    }

    [UnixFact]
    public async Task Record_DerivFakeVenueInterrupted_SameTicksAndReportAsJit()
    {
        var jit = await RecordAsync(args => CliProcess.Start(args), "jit.csv");
        var aot = await RecordAsync(args => CliProcess.StartTool(native.Executable, args), "native.csv");

        // The report says how long the recording ran, which is the one thing two runs do not share.
        string Report(string error, string name) =>
            Elapsed().Replace(error.Replace(_temp.File(name), "OUT", StringComparison.Ordinal), " in N s ");
        Assert.Equal((0, Report(jit.Error, "jit.csv")), (aot.ExitCode, Report(aot.Error, "native.csv")));
        Assert.Matches(@"^record: wrote 20 ticks of 1 symbol from deriv to OUT in N s \(interrupted\); 0 reconnects, 0 rejected messages\n$", Report(aot.Error, "native.csv"));
        Assert.Equal(await File.ReadAllBytesAsync(_temp.File("jit.csv")), await File.ReadAllBytesAsync(_temp.File("native.csv")));
        Assert.Equal(21, (await File.ReadAllLinesAsync(_temp.File("native.csv"))).Length);
    }

    // Records the fake venue's 20 ticks with the process start gives, then interrupts it as Ctrl+C does.
    private async Task<(int ExitCode, string Error)> RecordAsync(Func<string[], Process> start, string name)
    {
        var clock = new ManualTimeProvider();
        await using var venue = await FakeDerivServer.StartAsync(FakeDerivServer.Market(clock, 20, "R_100"), 0, clock, requireHistory: false);
        var output = _temp.File(name);
        using var process = start(["record", "--source", "deriv", "--symbols", "R_100", "--endpoint", venue.Endpoint.ToString(), "--output", output]);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await Eventually.TrueAsync(() => process.HasExited || TestFiles.LinesOnDisk(output) == 21, "the 20 ticks are on disk");
            await CliProcess.SignalAsync(process, "INT");
            var error = await CliProcess.ExitAsync(process, stderr);
            return (process.ExitCode, error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    // Every stored row of a back-test's tables, in key order, as PostgreSQL prints it (a run's times left out).
    private static async Task<List<string>> StoredRowsAsync(string connectionString)
    {
        string[] queries =
        [
            "SELECT 'candles ' || c::text FROM candles c ORDER BY symbol, timeframe, open_time",
            "SELECT 'signals ' || s::text FROM signals s ORDER BY run_scope, id",
            "SELECT 'trades ' || t::text FROM trades t ORDER BY run_scope, id",
            "SELECT 'runs ' || (id, command, parameters, input, status, finished IS NOT NULL)::text FROM runs ORDER BY id",
        ];
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var query in queries)
        {
            await using var command = new NpgsqlCommand(query, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        return rows;
    }

    // The trades file and the summary of one back-test run by each build, each into its own PostgreSQL database (which
    // the summary names, without its password).
    private async Task AssertSameBacktestAsync(string input, Dictionary<string, string> databases)
    {
        await AssertSameFileAsync(
            "trades.csv",
            (output, run) =>
            [
                "backtest", "--input", input, "--strategy", "ema-rsi", "--timeframe", "1m", "--stop-loss", "0.05%", "--take-profit", "0.1%",
                "--expiry", "10m", "--db", "postgres:" + databases[run], "--output", output,
            ],
            (text, run) => text.Replace(new NpgsqlConnectionStringBuilder(databases[run]).Database!, "DB", StringComparison.Ordinal));
    }

    private Task AssertSameFileAsync(string name, Func<string, string[]> args) => AssertSameFileAsync(name, (output, _) => args(output), null);

    // Runs the command once per build, each writing its own file ("jit" and "native" runs): same exit code, same
    // messages once each run's own paths are replaced, same file bytes.
    private async Task AssertSameFileAsync(string name, Func<string, string, string[]> args, Func<string, string, string>? normalise)
    {
        var outputs = new Dictionary<string, string> { ["jit"] = _temp.File("jit-" + name), ["native"] = _temp.File("native-" + name) };
        var jit = await CliRunner.RunAsync(args(outputs["jit"], "jit"));
        var aot = await native.RunAsync(args(outputs["native"], "native"));

        Assert.True(jit.ExitCode == 0, jit.Error);
        Assert.Equal(Normalised(jit, "jit"), Normalised(aot, "native"));
        Assert.Equal(await File.ReadAllBytesAsync(outputs["jit"]), await File.ReadAllBytesAsync(outputs["native"]));

        (int, string, string) Normalised(CliResult result, string run)
        {
            string Text(string text) => (normalise?.Invoke(text, run) ?? text).Replace(outputs[run], "OUT", StringComparison.Ordinal);
            return (result.ExitCode, Text(result.Out), Text(result.Error));
        }
    }

    private async Task AssertSameRunAsync(params string[] args)
    {
        var jit = await CliRunner.RunAsync(args);
        var aot = await native.RunAsync(args);

        Assert.Equal((jit.ExitCode, jit.Out, jit.Error), (aot.ExitCode, aot.Out, aot.Error));
    }

    [GeneratedRegex(@" in \d+\.\d s ")]
    private static partial Regex Elapsed();

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
}
