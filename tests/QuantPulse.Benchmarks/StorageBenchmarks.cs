using BenchmarkDotNet.Attributes;
using QuantPulse.Model;
using QuantPulse.Storage;
using QuantPulse.Storage.Postgres;
using QuantPulse.Storage.Sqlite;

namespace QuantPulse.Benchmarks;

/// <summary>
/// Writes per second into SQLite (a temporary file, WAL) and PostgreSQL (binary COPY) for ticks and candles. One
/// operation is one row. PostgreSQL runs only when QUANTPULSE_BENCH_POSTGRES holds a connection string to an empty
/// database (see docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
public class StorageBenchmarks
{
    private const int TickRows = 50_000;
    private const int CandleRows = 10_000;
    private Tick[] _ticks = [];
    private Candle[] _candles = [];
    private int _round;
    private string _dir = string.Empty;
    private SqliteMarketStore? _sqlite;
    private PostgresMarketStore? _postgres;

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    // Synchronous wrappers: the in-process toolchain does not await asynchronous setup and cleanup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _ticks = MarketData.Ticks(4, TickRows / 4);
        _candles = MarketData.Candles(CandleRows);
        _dir = Directory.CreateTempSubdirectory("qp-bench-").FullName;
        if (Provider == "sqlite")
        {
            _sqlite = await SqliteMarketStore.OpenAsync(Path.Combine(_dir, "bench.db"));
        }
        else
        {
            var connection = Environment.GetEnvironmentVariable("QUANTPULSE_BENCH_POSTGRES")
                ?? throw new InvalidOperationException("Set QUANTPULSE_BENCH_POSTGRES to a connection string of an empty database.");
            _postgres = await PostgresMarketStore.OpenAsync(connection);
        }
    }

    private async Task CleanupAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private IMarketStore Store => (IMarketStore?)_sqlite ?? _postgres!;

    /// <summary>Each invocation appends later ticks, as a live feed does (the table's time index grows at its end).</summary>
    [Benchmark(OperationsPerInvoke = TickRows)]
    public Task Ticks_Save()
    {
        var shift = TimeSpan.FromDays(++_round);
        var batch = Array.ConvertAll(_ticks, t => t with { Time = t.Time + shift });
        return Store.Ticks.SaveAsync(batch);
    }

    /// <summary>The batch stored by the setup, written again every invocation: what a retry after a lost acknowledgement costs.</summary>
    [GlobalSetup(Target = nameof(Ticks_Retry))]
    public void SetupRetry()
    {
        Setup();
        Store.Ticks.SaveAsync(_ticks).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Every key is stored already: PostgreSQL's <c>COPY</c> fails and the batch goes through the staging table and
    /// <c>INSERT … ON CONFLICT DO NOTHING</c> (the cost every batch would pay if all took that path); SQLite skips each row.
    /// </summary>
    [Benchmark(OperationsPerInvoke = TickRows)]
    public Task Ticks_Retry() => Store.Ticks.SaveAsync(_ticks);

    /// <summary>Each invocation writes candles with new open times, so every row is an insert, not a skipped duplicate.</summary>
    [Benchmark(OperationsPerInvoke = CandleRows)]
    public Task<int> Candles_Save()
    {
        var shift = TimeSpan.FromMinutes(CandleRows * (long)++_round);
        var batch = Array.ConvertAll(_candles, c => c with { OpenTime = c.OpenTime + shift });
        return Store.Candles.SaveAsync(batch);
    }
}
