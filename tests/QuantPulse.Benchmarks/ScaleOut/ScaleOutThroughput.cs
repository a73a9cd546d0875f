using System.Diagnostics;
using System.Globalization;
using Npgsql;
using QuantPulse.Candles;
using QuantPulse.Distributed;
using QuantPulse.Distributed.Archive;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Storage;
using StackExchange.Redis;

namespace QuantPulse.Benchmarks.ScaleOut;

/// <summary>
/// End-to-end throughput of the scale-out roles on one machine: simulated ticks (labelled simulated) go through
/// <see cref="TickIngest"/> into Redis, W pipeline workers (each with its own Redis connection) build candles,
/// signals and trades and store them in PostgreSQL; the clock runs from the first tick written until the worker
/// group has acknowledged the last. Then the archiver alone reads the same streams into <c>tick_archive</c>.
/// </summary>
/// <remarks>
/// <c>scale-out --redis 127.0.0.1:6390 --postgres "Host=127.0.0.1;Port=5440;Username=qp;Database=postgres" --symbols 200
/// --ticks-per-symbol 500 --workers 1,2,3 --rounds 2</c>: each round runs every worker count once, in turn, so the
/// counts are compared under the same load; every run gets a database of its own (created, then dropped) and a key
/// prefix of its own. <c>bench/scale-out.sh</c> starts a throwaway Redis and PostgreSQL and runs it.
/// </remarks>
internal static class ScaleOutThroughput
{
    private const int Partitions = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var redisConfiguration = Option(args, "--redis", "127.0.0.1:6379");
        var admin = Option(args, "--postgres", "Host=127.0.0.1;Port=5432;Username=qp;Database=postgres");
        var symbols = int.Parse(Option(args, "--symbols", "200"), CultureInfo.InvariantCulture);
        var perSymbol = int.Parse(Option(args, "--ticks-per-symbol", "500"), CultureInfo.InvariantCulture);
        var workerCounts = Option(args, "--workers", "1,2,3").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var rounds = int.Parse(Option(args, "--rounds", "2"), CultureInfo.InvariantCulture);

        var ticks = await SimulatedTicksAsync(symbols, perSymbol);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated ticks: {ticks.Count} ({symbols} symbols x {perSymbol}), {Partitions} partitions, {Environment.ProcessorCount} cores"));
        Console.WriteLine("round | workers | load before | end-to-end ticks/s | ingest ticks/s | archiver rows/s | load after");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var workers in workerCounts)
            {
                var load = LoadAverage();
                var (endToEnd, ingest, archiver) = await RunOnceAsync(redisConfiguration, admin, ticks, workers);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round} | {workers} | {load} | {endToEnd:F0} | {ingest:F0} | {archiver:F0} | {LoadAverage()}"));
            }
        }

        return 0;
    }

    private static async Task<(double EndToEnd, double Ingest, double Archiver)> RunOnceAsync(string redisConfiguration, string admin, List<Tick> ticks, int workerCount)
    {
        var name = "qp_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(admin, $"CREATE DATABASE {name}");
        var db = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var keys = new StreamKeys("bench" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var store = await MarketStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = db });
            using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
            var connections = new List<ConnectionMultiplexer>();
            using var stop = new CancellationTokenSource();
            var workers = new List<PartitionWorker>();
            var runs = new List<Task>();
            for (var w = 0; w < workerCount; w++)
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
                connections.Add(connection);
                var worker = new PartitionWorker(connection, store, Pipeline, new WorkerOptions
                {
                    WorkerId = $"bench-{w}",
                    PartitionCount = Partitions,
                    MaxPartitions = (Partitions + workerCount - 1) / workerCount,
                    JournalConnectionString = db,
                    Keys = keys,
                    PollInterval = TimeSpan.FromMilliseconds(5),
                });
                workers.Add(worker);
                runs.Add(worker.RunAsync(stop.Token));
            }

            // Timed from the moment every partition has an owner.
            await UntilAsync(() => Task.FromResult(workers.Sum(w => w.OwnedPartitions.Count) == Partitions));
            var started = Stopwatch.GetTimestamp();
            await new TickIngest(redis, new IngestOptions { PartitionCount = Partitions, Keys = keys }).RunAsync(new ArrayTickSource([.. ticks]));
            var ingested = Stopwatch.GetElapsedTime(started);
            await UntilAsync(() => AllAcknowledgedAsync(redis, keys, StreamKeys.WorkerGroup));
            var endToEnd = Stopwatch.GetElapsedTime(started);
            await stop.CancelAsync();
            await Task.WhenAll(runs);
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }

            // The archiver alone over the same (full) streams.
            using var metrics = new ArchiverMetrics();
            var archiver = new TickArchiver(redis, new ArchiverOptions { ConnectionString = db, PartitionCount = Partitions, KeyPrefix = keys.Prefix, ConsumerName = "bench-archiver" }, metrics);
            await archiver.MaintainAsync();
            using var stopArchiver = new CancellationTokenSource();
            var archiving = Stopwatch.GetTimestamp();
            var archiverRun = archiver.RunAsync(stopArchiver.Token);
            await UntilAsync(() => AllAcknowledgedAsync(redis, keys, StreamKeys.ArchiverGroup));
            var archived = Stopwatch.GetElapsedTime(archiving);
            await stopArchiver.CancelAsync();
            await archiverRun;
            if (archiver.RowsWritten != ticks.Count)
            {
                throw new InvalidOperationException($"The archiver stored {archiver.RowsWritten} of {ticks.Count} ticks.");
            }

            await redis.GetDatabase().KeyDeleteAsync([.. Enumerable.Range(0, Partitions).Select(p => (RedisKey)keys.Ticks(p)), keys.Events]);
            return (ticks.Count / endToEnd.TotalSeconds, ticks.Count / ingested.TotalSeconds, ticks.Count / archived.TotalSeconds);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    // What a single process would run: candles, UT Bot signals, simulated trades; closed on ticks only.
    private static MarketPipelineBuilder Pipeline(ITickSource source) => new MarketPipelineBuilder(source)
        .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
        .WithStrategy(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 5 }), new SignalBlockOptions { RiskReward = new RiskRewardOptions { AtrPeriod = 5, MinRiskReward = 1 } })
        .WithSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 2, Expiry = TimeSpan.FromMinutes(20) });

    private static async Task<List<Tick>> SimulatedTicksAsync(int symbols, int perSymbol)
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = [.. Enumerable.Range(0, symbols).Select(i => $"SIM_{i:D3}")],
            Seed = 7,
            TicksPerSymbol = perSymbol,
            TickInterval = TimeSpan.FromSeconds(1),
            StartTime = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
            Pacing = TickPacing.AsFastAsPossible,
        });
        var ticks = new List<Tick>();
        await foreach (var tick in source.ReadAsync())
        {
            ticks.Add(tick);
        }

        return ticks;
    }

    private static async Task<bool> AllAcknowledgedAsync(ConnectionMultiplexer redis, StreamKeys keys, string group)
    {
        var db = redis.GetDatabase();
        for (var p = 0; p < Partitions; p++)
        {
            var info = await db.StreamInfoAsync(keys.Ticks(p));
            var state = (await db.StreamGroupInfoAsync(keys.Ticks(p))).SingleOrDefault(g => g.Name == group);
            if (state.Name is null || state.PendingMessageCount > 0 || state.LastDeliveredId != info.LastGeneratedId)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition())
        {
            await Task.Delay(20);
        }
    }

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
