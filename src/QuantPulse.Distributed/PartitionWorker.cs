using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Distributed.Internal;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using QuantPulse.Storage;
using StackExchange.Redis;

namespace QuantPulse.Distributed;

/// <summary>
/// The pipeline-worker role: owns partitions through leases in Redis and runs, per owned partition, the pipeline
/// the template builds (candles, indicators, signals, simulator) over that partition's tick stream, storing the
/// results before acknowledging the ticks.
/// </summary>
/// <remarks>
/// <para>
/// A partition has one active owner: the worker holding its lease key (<c>SET … PX</c>, renewed every third of
/// <see cref="WorkerOptions.LeaseDuration"/>). Each new lease takes the next value of the partition's fencing
/// counter, and acknowledgements are fenced with it: a worker whose lease has passed on can no longer acknowledge,
/// and stops that partition as soon as it notices.
/// </para>
/// <para>
/// Exact resume: a worker that takes a partition over replays the partition's journal (every tick applied before,
/// in stream order) through a fresh pipeline, takes over the dead owner's pending entries with <c>XAUTOCLAIM</c>,
/// skips those the journal already holds, and carries on. The stored candles, signals and trades are therefore the
/// same as a single process would have produced from the same ticks. See docs/scale-out.md.
/// </para>
/// <para>The template must build a pipeline without clock-driven closes (the worker's source has no watermark), and
/// without a storage sink of its own: the worker stores every batch itself, before acknowledging it.</para>
/// </remarks>
public sealed class PartitionWorker
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IMarketStore _store;
    private readonly Func<ITickSource, MarketPipelineBuilder> _template;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;
    private readonly TickJournal _journal;
    private readonly WorkerCounters _counters = new();
    private readonly ConcurrentDictionary<int, Owned> _owned = new();

    /// <summary>Creates a worker.</summary>
    /// <param name="redis">The Redis connection.</param>
    /// <param name="store">Where candles, signals and trades are stored (PostgreSQL, shared by all workers).</param>
    /// <param name="template">Builds one partition's pipeline over the given source; called once per owned partition and run.</param>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PartitionWorker(
        IConnectionMultiplexer redis,
        IMarketStore store,
        Func<ITickSource, MarketPipelineBuilder> template,
        WorkerOptions options,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _redis = redis;
        _store = store;
        _template = template;
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PartitionWorker>();
        _journal = new TickJournal(options.JournalConnectionString);
    }

    /// <summary>This worker's name.</summary>
    public string WorkerId => _options.WorkerId;

    /// <summary>The partitions this worker owns now, in ascending order.</summary>
    public IReadOnlyList<int> OwnedPartitions => [.. _owned.Keys.Order()];

    /// <summary>Ticks that went through a pipeline and were stored (replayed ones included).</summary>
    public long TicksApplied => _counters.AppliedTotal;

    /// <summary>Stream entries acknowledged.</summary>
    public long EntriesAcknowledged => _counters.AcknowledgedTotal;

    /// <summary>Journal ticks replayed to rebuild state when taking partitions over.</summary>
    public long TicksReplayed => _counters.ReplayedTotal;

    /// <summary>Pending entries taken over from earlier owners.</summary>
    public long EntriesClaimed => _counters.ClaimedTotal;

    /// <summary>Stream entries that were not valid ticks (acknowledged, not applied).</summary>
    public long EntriesRejected => _counters.RejectedTotal;

    /// <summary>
    /// Creates the worker's tables if needed, then takes free partitions and works them until cancelled. On
    /// cancellation every partition drains (what was read is stored and acknowledged) and its lease is released.
    /// </summary>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await DistributedSchema.MigrateAsync(_options.JournalConnectionString, cancellationToken).ConfigureAwait(false);
        var db = _redis.GetDatabase();
        var renewEvery = _options.LeaseDuration / 3;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await RenewAsync().ConfigureAwait(false);
                try
                {
                    await AcquireAsync(db, cancellationToken).ConfigureAwait(false);
                }
                catch (RedisException)
                {
                    // Redis is unreachable (restarting): the partitions it failed are taken again on a later round.
                }

                await Task.Delay(renewEvery, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            foreach (var owned in _owned.Values)
            {
                await owned.Stop.CancelAsync().ConfigureAwait(false);
            }

            foreach (var (partition, owned) in _owned)
            {
                await owned.Task.ConfigureAwait(false);
                await ReleaseQuietlyAsync(owned.Run.Lease).ConfigureAwait(false);
                _owned.TryRemove(partition, out _);
                owned.Stop.Dispose();
            }
        }
    }

    private async Task RenewAsync()
    {
        foreach (var (partition, owned) in _owned)
        {
            var alive = !owned.Task.IsCompleted && await TryRenewAsync(owned.Run.Lease).ConfigureAwait(false);
            if (alive)
            {
                continue;
            }

            await owned.Stop.CancelAsync().ConfigureAwait(false);
            await owned.Task.ConfigureAwait(false);
            await ReleaseQuietlyAsync(owned.Run.Lease).ConfigureAwait(false);
            _owned.TryRemove(partition, out _);
            owned.Stop.Dispose();
        }
    }

    private async Task AcquireAsync(IDatabase db, CancellationToken cancellationToken)
    {
        for (var partition = 0; partition < _options.PartitionCount && _owned.Count < _options.MaxPartitions; partition++)
        {
            if (_owned.ContainsKey(partition))
            {
                continue;
            }

            if (await PartitionLease.TryAcquireAsync(db, _options.Keys, partition, _options.WorkerId, _options.LeaseDuration).ConfigureAwait(false) is not { } lease)
            {
                continue;
            }

            Internal.Log.PartitionTaken(_logger, _options.WorkerId, partition, lease.Fence);
            var run = new PartitionRun(partition, lease, db, _journal, _store, _options, _counters);
#pragma warning disable CA2000 // Disposed when the partition is given up (RenewAsync or the end of RunAsync).
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
#pragma warning restore CA2000
            _owned[partition] = new Owned(run, stop, WorkAsync(partition, run, stop.Token));
        }
    }

    private async Task WorkAsync(int partition, PartitionRun run, CancellationToken cancellationToken)
    {
        try
        {
            await run.RunAsync(_template, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A partition's failure is logged; the partition is given up and taken again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Internal.Log.PartitionFailed(_logger, ex, _options.WorkerId, partition);
        }
    }

    private static async Task<bool> TryRenewAsync(PartitionLease lease)
    {
        try
        {
            return await lease.RenewAsync().ConfigureAwait(false);
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private static async Task ReleaseQuietlyAsync(PartitionLease lease)
    {
        try
        {
            await lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The lease expires by itself.
        }
        catch (ObjectDisposedException)
        {
            // The connection is gone; the lease expires by itself.
        }
    }

    private sealed record Owned(PartitionRun Run, CancellationTokenSource Stop, Task Task);
}
