using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuantPulse.Distributed.Hosting;
using QuantPulse.Distributed.Internal;
using QuantPulse.Distributed.Tests.Archive;
using QuantPulse.Distributed.Tests.Testing;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Storage;
using QuantPulse.Tests.Testing;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests;

/// <summary>
/// The roles as real processes of the real hosts, configured only through the environment: one ingest (a paced CSV
/// replay of simulated ticks), three workers (one killed with <c>kill -9</c> mid-run and replaced), an archiver (killed
/// with <c>kill -9</c> mid-run and replaced), two dashboards (their <c>/ws/updates</c> feeds read by WebSocket clients).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class MultiProcessTests(Servers servers) : IDisposable
{
    private const int Partitions = 8;

    // A hang guard, never a speed assertion: the machine may be shared and slow.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(4);

    private readonly List<HostProcess> _processes = [];
    private readonly List<string>?[] _seen = new List<string>?[2];
    private readonly string _folder = Directory.CreateTempSubdirectory("qp-multiprocess-").FullName;

    [Fact]
    public async Task Roles_OneIngestThreeWorkersOneKilledArchiverKilledTwoDashboards_StoreWhatOneProcessStoresArchiveEveryTickOnceAndFeedsAgree()
    {
        var generated = await Market.TicksAsync(symbols: 200, ticksPerSymbol: 150, tickInterval: TimeSpan.FromSeconds(10));
        var csv = Path.Combine(_folder, "ticks.csv");
        await File.WriteAllLinesAsync(csv, ["time,symbol,price,size", .. generated.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Time:O},{t.Symbol},{t.Price},{t.Size}"))]);
        var ticks = await ReadAllAsync(new CsvTickSource(csv, new CsvSourceOptions { Pacing = TickPacing.AsFastAsPossible }));
        var symbols = ticks.Select(t => t.Symbol).Distinct().ToList();
        var db = await servers.Postgres.CreateDatabaseAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        var common = new Dictionary<string, string>
        {
            ["QuantPulse__Distributed__Redis"] = $"127.0.0.1:{servers.Redis.Port}",
            ["QuantPulse__Distributed__KeyPrefix"] = prefix,
            ["QuantPulse__Distributed__PartitionCount"] = Partitions.ToString(CultureInfo.InvariantCulture),
            ["QuantPulse__Distributed__MaxPartitions"] = "3",
            ["QuantPulse__Distributed__LeaseDuration"] = "00:00:03",
            ["QuantPulse__Distributed__PollInterval"] = "00:00:00.020",
            ["QuantPulse__Distributed__MonitorInterval"] = "00:00:00.200",
            ["QuantPulse__Storage__Provider"] = "Postgres",
            ["QuantPulse__Storage__ConnectionString"] = db,
            ["QuantPulse__Sources__Simulated__Enabled"] = "false",
            ["QuantPulse__Sources__Deriv__Enabled"] = "false",
            ["QuantPulse__Pipeline__LogCandles"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Metrics__Port"] = "0",
            ["Health__Port"] = "0",
        };

        // The reference: the same configuration (the worker's appsettings.json and these values), one process.
        var referenceDb = await servers.Postgres.CreateDatabaseAsync();
        await using (var reference = await MarketStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = referenceDb }))
        {
            var template = ConfiguredStages.Template(ConfiguredOptions(common), TimeProvider.System, NullLoggerFactory.Instance);
            await template(new ListTickSource(ticks)).WithSink(new SinkBlock(reference)).Build().RunAsync();
        }

        using var redis = await servers.Redis.ConnectAsync();
        var keys = new StreamKeys(prefix);
        var dashboards = new[] { RedisServer.FreePort(), RedisServer.FreePort() };
        foreach (var (port, i) in dashboards.Select((p, i) => (p, i)))
        {
            Start($"dashboard-{i}", "QuantPulse.Dashboard", common, ("QuantPulse__Distributed__Role", "dashboard"), ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"));
        }

        var doomed = StartWorker("w-doomed", common);
        var doomedArchiver = StartArchiver("archiver-doomed", common);
        StartWorker("w-a", common);
        StartWorker("w-b", common);
        await WaitAsync(() => Task.FromResult(Owners(redis, keys) is { Count: Partitions } owners && owners.Values.Distinct().Count() == 3), "the three workers own every partition");
        using var http = new HttpClient();
        await WaitAsync(async () => (await Task.WhenAll(dashboards.Select(p => IsReadyAsync(http, p)))).All(r => r), "both dashboards are ready");
        using var feedStop = new CancellationTokenSource();
        var feeds = new List<Task<List<string>>>();
        foreach (var (port, i) in dashboards.Select((p, i) => (p, i)))
        {
            var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            feeds.Add(CollectAsync(new Uri($"ws://127.0.0.1:{port}/ws/updates"), i, subscribed, feedStop.Token));
            await subscribed.Task.WaitAsync(Hang);
        }

        // Paced at 100 times the recorded speed: the ingest is still writing while the doomed worker dies.
        Start("ingest", "QuantPulse.Worker", common, ("QuantPulse__Distributed__Role", "ingest"), ("QuantPulse__Sources__Csv__Enabled", "true"),
            ("QuantPulse__Sources__Csv__Path", csv), ("QuantPulse__Sources__Csv__Pacing", "Paced"), ("QuantPulse__Sources__Csv__Speed", "100"));
        var orphaned = Owners(redis, keys).Where(o => o.Value == "w-doomed").Select(o => o.Key).ToList();
        await WaitAsync(() => Task.FromResult(orphaned.Any(p => Acknowledged(redis, keys, p) > 0)), "the doomed worker has stored and acknowledged ticks");
        await doomed.KillAsync();
        StartWorker("w-replacement", common);

        // The archiver dies mid-batch too: what it read and did not acknowledge is claimed by its replacement.
        await WaitAsync(() => Task.FromResult(Enumerable.Range(0, Partitions).Sum(p => Acknowledged(redis, keys, p, StreamKeys.ArchiverGroup)) > 0), "the doomed archiver has archived and acknowledged ticks");
        await doomedArchiver.KillAsync();
        StartArchiver("archiver-replacement", common);

        await WaitAsync(async () => Streams.Length(redis, keys, Partitions) == ticks.Count && await Streams.AllAcknowledgedAsync(redis, keys, Partitions, StreamKeys.WorkerGroup), "every tick written, stored and acknowledged");
        await WaitAsync(() => Streams.AllAcknowledgedAsync(redis, keys, Partitions, StreamKeys.ArchiverGroup), "every tick archived and acknowledged");
        var lastEvent = (string)(await redis.GetDatabase().StreamInfoAsync(keys.Events)).LastGeneratedId!;
        await WaitAsync(async () => (await Task.WhenAll(dashboards.Select(p => ReadyTextAsync(http, p)))).All(t => t.Contains(lastEvent, StringComparison.Ordinal)), "both dashboards read the last event");

        await using var expectedStore = await MarketStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = referenceDb });
        await using var store = await MarketStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = db });
        var expected = await Market.ReadAsync(expectedStore, symbols);
        var actual = await Market.ReadAsync(store, symbols);
        var expectedCandleKeys = expected.Candles.Select(c => string.Join(' ', c.Split(' ').Take(3))).ToHashSet();
        await WaitAsync(() => Task.FromResult(feeds.All(f => !f.IsCompleted) && CandleKeys(Snapshot(0)).IsSupersetOf(expectedCandleKeys) && Snapshot(0).Count == Snapshot(1).Count), "both feeds carry every stored candle");
        await feedStop.CancelAsync();
        var events = await Task.WhenAll(feeds);

        Assert.Equal(200, symbols.Count);
        Assert.NotEmpty(orphaned);
        Assert.True(doomed.HasExited);
        Market.AssertSameStored(expected, actual);
        Assert.Equal(events[0], events[1]);
        Assert.Superset(expectedCandleKeys, CandleKeys(events[0]));
        Assert.Superset(expected.SignalKeys.Select(k => k.Split(' ')[0]).ToHashSet(), Ids(events[0], "signal"));
        Assert.True(doomedArchiver.HasExited);
        await AssertArchivedOnceAsync(redis, keys, db, ticks, actual);

        List<string> Snapshot(int i) => Volatile.Read(ref _seen[i]) ?? [];
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    // The archive holds every tick the ingest wrote once: the same ticks (with their digits) as the CSV, under the
    // stream entry ids the ingest's XADDs got; and its 1m and 5m aggregates equal the candles the workers stored,
    // plus the one candle per series still forming when the ticks ended.
    private static async Task AssertArchivedOnceAsync(ConnectionMultiplexer redis, StreamKeys keys, string db, List<Tick> ticks, Stored stored)
    {
        var written = new List<string>();
        for (var p = 0; p < Partitions; p++)
        {
            foreach (var entry in await redis.GetDatabase().StreamRangeAsync(keys.Ticks(p)))
            {
                Assert.True(TickEntry.TryDecode(entry, out var tick));
                written.Add($"{tick.Symbol} {StreamId.Parse(entry.Id)}");
            }
        }

        var archived = await Streams.RowsAsync(db, "SELECT symbol, to_char(\"time\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), price, size, source FROM tick_archive");
        var archivedIds = await Streams.RowsAsync(db, "SELECT symbol || ' ' || entry_ms || '-' || entry_seq FROM tick_archive");
        Assert.Equal(ticks.Count, archived.Count);
        Assert.Equal(ticks.Select(TickArchiverTests.Describe).Order(StringComparer.Ordinal), archived.Order(StringComparer.Ordinal));
        Assert.Equal(written.Order(StringComparer.Ordinal), archivedIds.Order(StringComparer.Ordinal));

        var archive = new ArchiveStore(db);
        var aggregates = new List<string>();
        var symbols = ticks.Select(t => t.Symbol).Distinct().ToList();
        foreach (var symbol in symbols)
        {
            foreach (var timeframe in Market.Timeframes)
            {
                aggregates.AddRange((await archive.CandlesAsync(symbol, timeframe, CancellationToken.None)).Select(Market.Describe));
            }
        }

        Assert.Empty(stored.Candles.Except(aggregates));
        Assert.Equal(stored.Candles.Count + (symbols.Count * Market.Timeframes.Length), aggregates.Count);
    }

    private HostProcess StartArchiver(string consumer, Dictionary<string, string> common) =>
        Start(
            consumer,
            "QuantPulse.Worker",
            common,
            ("QuantPulse__Distributed__Role", "archiver"),
            ("QuantPulse__Distributed__Archiver__ConsumerName", consumer),
            ("QuantPulse__Distributed__Archiver__BatchSize", "500"),
            ("QuantPulse__Distributed__Archiver__FlushInterval", "00:00:00.100"),
            ("QuantPulse__Distributed__Archiver__PollInterval", "00:00:00.020"),
            ("QuantPulse__Distributed__Archiver__ClaimIdleTime", "00:00:01"),
            ("QuantPulse__Distributed__Archiver__ClaimInterval", "00:00:00.200"),
            ("QuantPulse__Distributed__Archiver__RetryDelay", "00:00:00.200"));

    private HostProcess StartWorker(string id, Dictionary<string, string> common) =>
        Start(id, "QuantPulse.Worker", common, ("QuantPulse__Distributed__Role", "worker"), ("QuantPulse__Distributed__WorkerId", id));

    private HostProcess Start(string name, string project, Dictionary<string, string> common, params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(common);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = HostProcess.Start(name, project, environment);
        _processes.Add(process);
        return process;
    }

    private Task WaitAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(
            async () =>
            {
                if (await condition())
                {
                    return true;
                }

                var exited = _processes.Where(p => p.HasExited && !p.Name.EndsWith("-doomed", StringComparison.Ordinal)).ToList();
                Assert.True(exited.Count == 0, $"a process exited while waiting until {what}:\n{string.Join('\n', exited.Select(p => p.Tail))}");
                return false;
            },
            what,
            Hang,
            TimeSpan.FromMilliseconds(100),
            () => string.Join('\n', _processes.Select(p => p.Tail)));

    // QuantPulseOptions as the hosts bind them: the worker's appsettings.json, then the environment's values.
    private static QuantPulseOptions ConfiguredOptions(Dictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetDirectoryName(HostProcess.DllOf("QuantPulse.Worker"))!, "appsettings.json"))
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddQuantPulse(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<QuantPulseOptions>>().Value;
    }

    private static async Task<List<Tick>> ReadAllAsync(CsvTickSource source)
    {
        var ticks = new List<Tick>();
        await foreach (var tick in source.ReadAsync())
        {
            ticks.Add(tick);
        }

        return ticks;
    }

    private static Dictionary<int, string> Owners(ConnectionMultiplexer redis, StreamKeys keys)
    {
        var owners = new Dictionary<int, string>();
        for (var p = 0; p < Partitions; p++)
        {
            if (redis.GetDatabase().StringGet(keys.Lease(p)) is { IsNullOrEmpty: false } lease)
            {
                owners[p] = ((string)lease!)[..((string)lease!).LastIndexOf(':')];
            }
        }

        return owners;
    }

    private static long Acknowledged(ConnectionMultiplexer redis, StreamKeys keys, int partition, string group = StreamKeys.WorkerGroup)
    {
        var database = redis.GetDatabase();
        if (!database.KeyExists(keys.Ticks(partition)))
        {
            return 0;
        }

        var state = database.StreamGroupInfo(keys.Ticks(partition)).SingleOrDefault(g => g.Name == group);
        return state.Name is null ? 0 : (state.EntriesRead ?? 0) - state.PendingMessageCount;
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, int port)
    {
        try
        {
            return (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> ReadyTextAsync(HttpClient http, int port) =>
        await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));

    // Subscribes to every symbol's candles, signals and trades, then keeps every such message as its raw JSON, in
    // arrival order; a snapshot is kept in _seen[index].
    private async Task<List<string>> CollectAsync(Uri feed, int index, TaskCompletionSource subscribed, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        _seen[index] = [];
        var buffer = new byte[1 << 20];
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(feed, CancellationToken.None);
        var subscribe = """{"action":"subscribe","symbols":["*"],"channels":["candle","signal","trade"]}"""u8.ToArray();
        await socket.SendAsync(subscribe, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return seen;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, length);
                using var message = JsonDocument.Parse(text);
                var type = message.RootElement.GetProperty("type").GetString();
                if (type == "subscribed")
                {
                    subscribed.TrySetResult();
                }
                else if (type is "candle" or "signal" or "trade")
                {
                    seen.Add(text);
                    Volatile.Write(ref _seen[index], [.. seen]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return seen;
        }
    }

    private static HashSet<string> CandleKeys(IEnumerable<string> messages) =>
        [.. Data(messages, "candle").Select(d => $"{d.GetProperty("symbol").GetString()} {d.GetProperty("interval").GetString()} {d.GetProperty("open_time").GetDateTimeOffset():O}")];

    private static HashSet<string> Ids(IEnumerable<string> messages, string type) =>
        [.. Data(messages, type).Select(d => d.GetProperty("id").GetString()!)];

    private static IEnumerable<JsonElement> Data(IEnumerable<string> messages, string type) =>
        messages.Select(m => JsonDocument.Parse(m).RootElement)
            .Where(r => r.GetProperty("type").GetString() == type)
            .Select(r => r.GetProperty("data"));
}
