using System.Text.Json;
using System.Text.RegularExpressions;

namespace QuantPulse.Worker.Tests;

/// <summary>
/// The worker as a supervisor and an operator see it: started from another folder, it reads its own appsettings.json,
/// logs JSON lines, exits 0 when stopped, 1 when its pipeline fails and 2 on invalid configuration, and says why in
/// one line without a stack trace.
/// </summary>
public sealed partial class WorkerExitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qp-worker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Worker_InvalidConfiguration_Exits2WithOneJsonLinePerKeyAndNoStackTrace()
    {
        using var worker = Start(
            ("QuantPulse__Storage__Provider", "Mongo"),
            ("QuantPulse__Sources__Simulated__TickInterval", "abc"),
            ("QuantPulse__Pipeline__BoundedCapacity", "0"));

        var exit = await worker.WaitForExitAsync();

        Assert.Equal(2, exit);
        var messages = Messages(worker.Lines);
        Assert.Equal(
            [
                "Invalid configuration: QuantPulse:Pipeline:BoundedCapacity must be between 1 and 100000.",
                "Invalid configuration: QuantPulse:Sources:Simulated:TickInterval: 'abc' is not a duration ([d.]hh:mm:ss[.fff], for example 00:00:01).",
                "Invalid configuration: QuantPulse:Storage:Provider: 'Mongo' is not one of Sqlite, Postgres.",
            ],
            messages.Select(m => m.Message).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal("Critical", m.Level));
    }

    [Fact]
    public async Task Worker_NoSourceEnabled_Exits1WithTheCauseInOneLine()
    {
        using var worker = Start(("QuantPulse__Sources__Simulated__Enabled", "false"), ("QuantPulse__Sources__Deriv__Enabled", "false"));

        var exit = await worker.WaitForExitAsync();

        Assert.Equal(1, exit);
        var failure = Assert.Single(Messages(worker.Lines), m => m.Level == "Critical");
        Assert.Equal("The pipeline failed, the host stops: InvalidOperationException: No tick source is enabled: enable one under QuantPulse:Sources.", failure.Message);
    }

    [Fact]
    public async Task Worker_SqliteFileCannotBeCreated_Exits1NamingThePath()
    {
        var blocker = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        using var worker = Start(("QuantPulse__Sources__Deriv__Enabled", "false"), ("QuantPulse__DataDirectory", blocker));

        var exit = await worker.WaitForExitAsync();

        Assert.Equal(1, exit);
        var failure = Assert.Single(Messages(worker.Lines), m => m.Level == "Critical");
        Assert.StartsWith($"The pipeline failed, the host stops: IOException: Cannot open the SQLite database {Path.Combine(blocker, "quantpulse.db")}: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_PostgresUnreachable_LogsEachRetryThenExits1()
    {
        using var worker = Start(
            ("QuantPulse__Sources__Deriv__Enabled", "false"),
            ("QuantPulse__Storage__Provider", "Postgres"),
            ("QuantPulse__Storage__ConnectionString", "Host=127.0.0.1;Port=1;Username=qp;Database=qp"),
            ("QuantPulse__Storage__InitialRetryDelay", "00:00:00.001"),
            ("QuantPulse__Storage__MaxRetryAttempts", "2"));

        var exit = await worker.WaitForExitAsync();

        Assert.Equal(1, exit);
        var messages = Messages(worker.Lines);
        Assert.Equal(
            ["(attempt 1): NpgsqlException: Failed to connect to 127.0.0.1:1", "(attempt 2): NpgsqlException: Failed to connect to 127.0.0.1:1"],
            messages.Where(m => m.Level == "Warning").Select(m => RetryPart().Match(m.Message).Value));
        Assert.StartsWith("The pipeline failed, the host stops: NpgsqlException: Failed to connect to 127.0.0.1:1", Assert.Single(messages, m => m.Level == "Critical").Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Worker_StartedFromAnotherFolderAndInterrupted_ReadsItsSettingsStoresInTheDataFolderAndExits0()
    {
        var data = Path.Combine(_dir, "data");
        using var worker = Start(
            ("QuantPulse__DataDirectory", data),
            ("QuantPulse__Candles__Timeframes__0", "1s"),
            ("QuantPulse__Sources__Simulated__TickInterval", "00:00:00.010"),
            ("QuantPulse__Sources__Deriv__Endpoint", "ws://127.0.0.1:1/websockets/v3"));

        await worker.WaitForLineAsync(l => l.Contains("\"EventId\":1104", StringComparison.Ordinal), "a closed candle");
        await worker.WaitForLineAsync(l => l.Contains("\"EventId\":4001", StringComparison.Ordinal), "a failed deriv connection");
        await worker.SignalAsync("INT");
        var exit = await worker.WaitForExitAsync();

        Assert.True(exit == 0, $"exit code {exit}:\n{string.Join('\n', worker.Lines)}");
        var messages = Messages(worker.Lines); // every line is JSON: appsettings.json beside the dll was read
        Assert.Contains(messages, m => m.Message == "Application started. Press Ctrl+C to shut down.");
        Assert.Contains(worker.Lines, l => l.Contains("sources simulated+deriv", StringComparison.Ordinal));
        Assert.DoesNotContain(worker.Lines, l => l.Contains("\\u00", StringComparison.Ordinal));
        var openTimes = messages.Where(m => m.EventId == 1104).Select(m => m.State.GetProperty("OpenTime").GetString()).ToList();
        Assert.NotEmpty(openTimes);
        Assert.All(openTimes, t => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", t));
        Assert.Contains(messages, m => m.Message == $"Storing in the SQLite database {Path.Combine(data, "quantpulse.db")}");
        Assert.True(File.Exists(Path.Combine(data, "quantpulse.db")));
        Assert.Empty(Directory.GetFiles(_dir, "*.db"));

        // The last deriv state keeps the attempt it had reached rather than reporting attempt 0.
        var states = messages.Where(m => m.EventId == 4000 && m.Message.StartsWith("deriv ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("deriv connection is Stopped", states[^1].Message, StringComparison.Ordinal);
        Assert.Equal(states.Max(s => s.State.GetProperty("Attempt").GetInt32()), states[^1].State.GetProperty("Attempt").GetInt32());
        Assert.NotEqual(0, states[^1].State.GetProperty("Attempt").GetInt32());
    }

    [Fact]
    public async Task Worker_MetricsPort_ServesThePipelineMetricsInPrometheusFormat()
    {
        var port = FreePort();
        using var worker = Start(
            ("QuantPulse__DataDirectory", Path.Combine(_dir, "data")),
            ("QuantPulse__Candles__Timeframes__0", "1s"),
            ("QuantPulse__Sources__Simulated__TickInterval", "00:00:00.010"),
            ("QuantPulse__Sources__Simulated__History", "00:00:00"),
            ("QuantPulse__Sources__Deriv__Enabled", "false"),
            ("Metrics__Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await worker.WaitForLineAsync(l => l.Contains("\"EventId\":1104", StringComparison.Ordinal), "a closed candle");

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://localhost:{port}/metrics"));
        await worker.SignalAsync("TERM");

        Assert.Matches(@"(?m)^quantpulse_ticks_total\{[^}]*source=""simulated""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"(?m)^quantpulse_candles_closed_total\{[^}]*timeframe=""1s""[^}]*\} [1-9]", metrics);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.Equal(0, await worker.WaitForExitAsync());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("70000")]
    [InlineData("-1")]
    public async Task Worker_InvalidMetricsPort_Exits2NamingTheKey(string port)
    {
        using var worker = Start(("Metrics__Port", port));

        var exit = await worker.WaitForExitAsync();

        Assert.Equal(2, exit);
        var line = Assert.Single(worker.Lines);
        Assert.Equal($"quantpulse-worker: Metrics:Port: '{port}' is not a port (1 to 65535, or 0 for no metrics endpoint).", line);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private WorkerProcess Start(params (string Key, string Value)[] environment) =>
        WorkerProcess.Start(_dir, environment.ToDictionary(e => e.Key, e => e.Value));

    private static List<LogLine> Messages(IReadOnlyList<string> lines) => [.. lines.Select(line =>
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new LogLine(root.GetProperty("EventId").GetInt32(), root.GetProperty("LogLevel").GetString()!, root.GetProperty("Message").GetString()!, root.GetProperty("State").Clone());
    })];

    [GeneratedRegex(@"\(attempt \d+\): NpgsqlException: Failed to connect to 127\.0\.0\.1:1")]
    private static partial Regex RetryPart();

    private sealed record LogLine(int EventId, string Level, string Message, JsonElement State);
}
