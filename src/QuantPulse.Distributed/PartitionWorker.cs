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
/// <para>
/// Rebalancing: every worker is on a roster in Redis (refreshed each round, expiring like a lease) and, from the
/// roster and the leases, computes the same share for everyone: the partitions dealt evenly among the live workers,
/// within each one's <see cref="WorkerOptions.MaxPartitions"/>. A worker takes free partitions up to its share, and one
/// owning more than its share hands the surplus over: it stops those partitions in order (what was read is stored
/// and acknowledged) and releases their leases, and the worker below its share takes them and resumes exactly as
/// after a take-over (journal replay, pending entries). A partition still has one active owner at a time.
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
    private int _share = -1;
    private long _handedOver;

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

    /// <summary>
    /// How many partitions this worker should own, as its last rebalancing round computed (the partitions dealt evenly
    /// among the live workers within their caps); -1 before the first round.
    /// </summary>
    public int Share => Volatile.Read(ref _share);

    /// <summary>Partitions this worker handed over to others because it owned more than its share.</summary>
    public long PartitionsHandedOver => Interlocked.Read(ref _handedOver);

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
    /// Creates the worker's tables if needed, joins the roster, then takes free partitions up to its share and works
    /// them until cancelled, handing partitions over when the share shrinks (a worker joined). On cancellation every
    /// partition drains (what was read is stored and acknowledged), its lease is released and the worker leaves the roster.
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
                    var share = await RebalanceAsync(db).ConfigureAwait(false);
                    await AcquireAsync(db, share, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
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
            // Every partition drains at once; then each lease is released as its partition finishes.
            foreach (var owned in _owned.Values)
            {
                await owned.Stop.CancelAsync().ConfigureAwait(false);
            }

            foreach (var partition in _owned.Keys)
            {
                await GiveUpAsync(partition).ConfigureAwait(false);
            }

            await LeaveQuietlyAsync(db).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync()
    {
        foreach (var (partition, owned) in _owned)
        {
            var alive = !owned.Task.IsCompleted && await TryRenewAsync(owned.Run.Lease).ConfigureAwait(false);
            if (!alive)
            {
                await GiveUpAsync(partition).ConfigureAwait(false);
            }
        }
    }

    // Stops the partition's run (it drains: what was read is stored and acknowledged), then releases the lease. It
    // leaves OwnedPartitions first, so OwnedPartitions only ever names partitions whose lease this worker holds.
    private async Task GiveUpAsync(int partition)
    {
        if (!_owned.TryRemove(partition, out var owned))
        {
            return;
        }

        await owned.Stop.CancelAsync().ConfigureAwait(false);
        await owned.Task.ConfigureAwait(false);
        await ReleaseQuietlyAsync(owned.Run.Lease).ConfigureAwait(false);
        owned.Stop.Dispose();
    }

    // Refreshes this worker on the roster, computes its share and hands over the partitions beyond it (the highest
    // numbers first). Returns the share.
    private async Task<int> RebalanceAsync(IDatabase db)
    {
        var live = await WorkerRoster.RefreshAsync(db, _options.Keys, _options.WorkerId, _options.LeaseDuration, _options.MaxPartitions).ConfigureAwait(false);
        var owners = await WorkerRoster.OwnersAsync(db, _options.Keys, _options.PartitionCount).ConfigureAwait(false);
        var share = WorkerRoster.Targets(_options.PartitionCount, live, owners).GetValueOrDefault(_options.WorkerId, _options.MaxPartitions);
        Volatile.Write(ref _share, share);
        foreach (var partition in _owned.Keys.OrderDescending().Take(_owned.Count - share).ToList())
        {
            Internal.Log.PartitionHandedOver(_logger, _options.WorkerId, partition, _owned.Count, share, live.Count);
            await GiveUpAsync(partition).ConfigureAwait(false);
            Interlocked.Increment(ref _handedOver);
        }

        return share;
    }

    private async Task AcquireAsync(IDatabase db, int share, CancellationToken cancellationToken)
    {
        for (var partition = 0; partition < _options.PartitionCount && _owned.Count < share; partition++)
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

    private async Task LeaveQuietlyAsync(IDatabase db)
    {
        try
        {
            await WorkerRoster.LeaveAsync(db, _options.Keys, _options.WorkerId).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The roster entry expires by itself.
        }
        catch (ObjectDisposedException)
        {
            // The connection is gone; the roster entry expires by itself.
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
