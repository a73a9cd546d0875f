using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Tests.Hosting;

/// <summary>How a host run with RunQuantPulseAsync ends: its exit code and the one line that says why.</summary>
public sealed class QuantPulseHostExtensionsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("qp-host-").FullName;
    private readonly LogSink _logs = new();

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task RunQuantPulseAsync_InvalidConfiguration_Returns2AndLogsOneLinePerKeyWithoutStarting()
    {
        using var host = Build(("QuantPulse:Storage:Provider", "Mongo"), ("QuantPulse:Pipeline:BoundedCapacity", "0"));

        var exit = await host.RunQuantPulseAsync().WaitAsync(Timeout);

        Assert.Equal(QuantPulseExitCodes.InvalidConfiguration, exit);
        Assert.Equal(
            [
                "Invalid configuration: QuantPulse:Pipeline:BoundedCapacity must be between 1 and 100000.",
                "Invalid configuration: QuantPulse:Storage:Provider: 'Mongo' is not one of Sqlite, Postgres.",
            ],
            _logs.Entries.Where(e => e.Level == LogLevel.Critical).Select(e => e.Message).Order(StringComparer.Ordinal));
        Assert.All(_logs.Entries, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(_logs.Entries, e => e.Category == "Microsoft.Hosting.Lifetime");
    }

    [Fact]
    public async Task RunQuantPulseAsync_NoSourceEnabled_Returns1WithTheCauseInOneLine()
    {
        using var host = Build(("QuantPulse:Sources:Simulated:Enabled", "false"));

        var exit = await host.RunQuantPulseAsync().WaitAsync(Timeout);

        Assert.Equal(QuantPulseExitCodes.Failed, exit);
        var critical = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal(
            "The pipeline failed, the host stops: InvalidOperationException: No tick source is enabled: enable one under QuantPulse:Sources.",
            critical.Message);
        Assert.All(_logs.Entries.Where(e => e.Level > LogLevel.Debug), e => Assert.Null(e.Exception));
    }

    [Fact]
    public async Task RunQuantPulseAsync_SqliteFileCannotBeCreated_Returns1NamingThePath()
    {
        var blocker = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var path = Path.Combine(blocker, "quantpulse.db");
        using var host = Build(("QuantPulse:Storage:Path", path));

        var exit = await host.RunQuantPulseAsync().WaitAsync(Timeout);

        Assert.Equal(QuantPulseExitCodes.Failed, exit);
        var critical = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains($"Cannot open the SQLite database {path}: ", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunQuantPulseAsync_PostgresUnreachable_RetriesWithBackOffThenReturns1()
    {
        using var host = Build(
            ("QuantPulse:Storage:Provider", "Postgres"),
            ("QuantPulse:Storage:ConnectionString", "Host=127.0.0.1;Port=1;Username=qp;Database=qp;Timeout=5"),
            ("QuantPulse:Storage:InitialRetryDelay", "00:00:00.001"),
            ("QuantPulse:Storage:MaxRetryAttempts", "3"));

        var exit = await host.RunQuantPulseAsync().WaitAsync(Timeout);

        Assert.Equal(QuantPulseExitCodes.Failed, exit);
        var retries = _logs.Entries.Where(e => e.EventId == 1108).Select(e => e.Message).ToList();
        Assert.Equal(3, retries.Count);
        Assert.All(retries.Select((m, i) => (m, i)), r => Assert.StartsWith(
            $"Opening the Postgres store failed (attempt {r.i + 1}): NpgsqlException: Failed to connect to 127.0.0.1:1", r.m, StringComparison.Ordinal));
        Assert.EndsWith("retrying in 00:00:00.0040000", retries[2], StringComparison.Ordinal);
        Assert.Contains("NpgsqlException", Assert.Single(_logs.Entries, e => e.Level == LogLevel.Critical).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunQuantPulseAsync_StoppedLikeCtrlC_Returns0()
    {
        using var host = Build(("QuantPulse:Sources:Simulated:TickInterval", "00:00:00.005"), ("QuantPulse:Storage:Enabled", "false"));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopOnFirstBatch = host.Services.GetRequiredService<QuantPulseRuntime>().Updates.Subscribe(new StopOnFirst(lifetime));

        var exit = await host.RunQuantPulseAsync().WaitAsync(Timeout);

        Assert.Equal(QuantPulseExitCodes.Success, exit);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains(_logs.Entries, e => e.EventId == 1102);
    }

    private IHost Build(params (string Key, string? Value)[] values)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            new[] { new KeyValuePair<string, string?>("QuantPulse:DataDirectory", _dir) }
                .Concat(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))));
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(_logs);
        builder.Services.AddQuantPulse(builder.Configuration);
        return builder.Build();
    }

    private sealed class StopOnFirst(IHostApplicationLifetime lifetime) : IObserver<MarketBatch>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(MarketBatch value) => lifetime.StopApplication();
    }

    private sealed record Entry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);

    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception), exception));
        }
    }
}
