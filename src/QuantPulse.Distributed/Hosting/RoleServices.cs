using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Sources;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Hosting;

/// <summary>
/// Runs a role for the lifetime of the host. A failure is logged on one line, recorded for the exit code and stops
/// the host, exactly as the single-process pipeline's runner does.
/// </summary>
internal abstract class RoleService(QuantPulseHostStatus status, ILogger logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected abstract Task RunRoleAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoleAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Every failure is reported and turned into the host's exit code; nothing is swallowed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            status.FailAndStop(ex, logger, lifetime);
        }
    }
}

/// <summary>The ingest role: the configured sources, merged, into the partition streams.</summary>
internal sealed class IngestRole(
    IConnectionMultiplexer redis,
    RoleStatus role,
    IEnumerable<ITickSourceFactory> factories,
    QuantPulseHostStatus status,
    ILogger<IngestRole> logger,
    IHostApplicationLifetime lifetime) : RoleService(status, logger, lifetime)
{
    protected override async Task RunRoleAsync(CancellationToken stoppingToken)
    {
        var options = role.Options;
        var sources = factories.Where(f => f.IsEnabled).Select(f => f.Create()).ToArray();
        if (sources.Length == 0)
        {
            throw new InvalidOperationException("No tick source is enabled: the ingest role needs one under QuantPulse:Sources.");
        }

        var source = sources.Length == 1 ? sources[0] : new CompositeTickSource(sources);
        var ingest = new TickIngest(redis, new IngestOptions
        {
            PartitionCount = options.PartitionCount,
            MaxStreamLength = options.MaxStreamLength,
            WriteBatchSize = options.WriteBatchSize,
            Keys = options.Keys,
        });
        role.Ingest = ingest;
        await ingest.RunAsync(source, stoppingToken).ConfigureAwait(false);
        Internal.Log.IngestEnded(logger, source.Name, ingest.Written, ingest.Rejected);
    }
}

/// <summary>The worker role: partitions of the shared streams through the configured pipeline into PostgreSQL.</summary>
internal sealed class WorkerRole(
    IConnectionMultiplexer redis,
    RoleStatus role,
    IMarketStoreProvider stores,
    IOptions<QuantPulseOptions> pipeline,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    QuantPulseHostStatus status,
    ILogger<WorkerRole> logger,
    IHostApplicationLifetime lifetime) : RoleService(status, logger, lifetime)
{
    protected override async Task RunRoleAsync(CancellationToken stoppingToken)
    {
        var options = role.Options;
        var store = await stores.GetStoreAsync(stoppingToken).ConfigureAwait(false);
        var worker = new PartitionWorker(
            redis,
            store,
            ConfiguredStages.Template(pipeline.Value, timeProvider, loggerFactory),
            new WorkerOptions
            {
                WorkerId = options.WorkerId.Length > 0 ? options.WorkerId : new WorkerOptions().WorkerId,
                PartitionCount = options.PartitionCount,
                MaxPartitions = options.MaxPartitions,
                LeaseDuration = options.LeaseDuration,
                ReadBatchSize = options.ReadBatchSize,
                PollInterval = options.PollInterval,
                EventsMaxLength = options.EventsMaxLength,
                JournalConnectionString = stores.Location?.ConnectionString ?? string.Empty,
                Keys = options.Keys,
            },
            loggerFactory);
        role.Worker = worker;
        await worker.RunAsync(stoppingToken).ConfigureAwait(false);
    }
}

/// <summary>Samples the partitions and Redis every <see cref="DistributedHostOptions.MonitorInterval"/> for readiness and metrics.</summary>
internal sealed class RoleMonitor(IConnectionMultiplexer redis, RoleStatus role, DistributedMetrics metrics, TimeProvider timeProvider) : BackgroundService
{
    private readonly PartitionMonitor _partitions = new(redis, role.Options.Keys, role.Options.PartitionCount);

    // The instruments report while the monitor runs.
    private readonly DistributedMetrics _metrics = metrics;

    public override void Dispose()
    {
        _metrics.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await SampleAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(role.Options.MonitorInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task SampleAsync()
    {
        if (!redis.IsConnected)
        {
            role.Report(false, "Redis is not connected", []);
            return;
        }

        try
        {
            switch (role.Role)
            {
                case DistributedRole.Worker:
                    ReportWorker(await _partitions.SampleAsync().ConfigureAwait(false));
                    break;
                case DistributedRole.Dashboard:
                    role.Report(role.Events is not null, role.Events is { } events ? "events read up to " + events.LastId : "starting", []);
                    break;
                default:
                    var all = await _partitions.SampleAsync().ConfigureAwait(false);
                    role.Report(true, string.Create(CultureInfo.InvariantCulture, $"{all.Count} partitions, {all.Sum(p => p.Lag)} entries not yet delivered to the workers"), all);
                    break;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            role.Report(false, "Redis does not answer: " + ex.Message, []);
        }
    }

    private void ReportWorker(IReadOnlyList<PartitionState> all)
    {
        if (role.Worker is not { } worker)
        {
            role.Report(false, "starting", []);
            return;
        }

        var owned = all.Where(p => p.Owner == worker.WorkerId).ToList();
        var maxLag = owned.Count == 0 ? 0 : owned.Max(p => p.Lag);
        var limit = role.Options.ReadyMaxLag;
        var ready = limit == 0 || maxLag <= limit;
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"{owned.Count} partition(s) owned, largest lag {maxLag}{(ready ? string.Empty : $" exceeds QuantPulse:Distributed:ReadyMaxLag {limit}")}");
        role.Report(ready, description, owned);
    }
}
