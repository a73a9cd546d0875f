using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using QuantPulse.Distributed.Internal;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Archive;

/// <summary>
/// The archiver role: reads every tick stream through the consumer group <c>archiver</c> and writes the ticks to
/// the PostgreSQL table <c>tick_archive</c> (partitioned by day) in batches, with binary COPY, acknowledging the
/// entries only after the batch has been committed. The same transaction refreshes the 1m, 5m, 1h and 1d candles of
/// <c>tick_candles</c> that the batch touches.
/// </summary>
/// <remarks>
/// <para>
/// A batch is written when it holds <see cref="ArchiverOptions.BatchSize"/> rows or
/// <see cref="ArchiverOptions.FlushInterval"/> after its first entry was read, whichever comes first. Any number of
/// archivers may run: the group spreads the entries among them, and entries left pending by an archiver that died
/// are taken over with <c>XAUTOCLAIM</c> once idle for <see cref="ArchiverOptions.ClaimIdleTime"/>.
/// </para>
/// <para>
/// Each tick is stored at most once: the key is (symbol, time, stream entry id), so a batch written again because
/// its acknowledgement was lost (the archiver died between commit and <c>XACK</c>) is skipped row by row. And at
/// least once: an entry is acknowledged only after its commit. When Redis or PostgreSQL fails the archiver keeps its
/// batch, waits <see cref="ArchiverOptions.RetryDelay"/> and tries again.
/// </para>
/// </remarks>
public sealed class TickArchiver
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ArchiverOptions _options;
    private readonly ArchiverMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ArchiveStore _store;
    private readonly StreamKeys _keys;
    private readonly TimeProvider _clock;
    private readonly List<Pending> _buffer = [];
    private readonly HashSet<(int Partition, RedisValue Id)> _buffered = [];
    private readonly List<Pending> _toAcknowledge = [];
    private readonly HashSet<DateOnly> _partitionDays = [];
    private long _firstReadAt;
    private long _toAcknowledgeSince;
    private bool _hypertable;
    private long _rowsWritten;
    private long _rowsSkipped;
    private long _acknowledged;
    private long _claimed;
    private long _rejected;
    private long _batches;

    /// <summary>Creates an archiver.</summary>
    /// <param name="redis">The Redis connection.</param>
    /// <param name="options">The settings.</param>
    /// <param name="metrics">Where to record batch sizes, latencies and rows; null records to a meter of its own.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public TickArchiver(IConnectionMultiplexer redis, ArchiverOptions options, ArchiverMetrics? metrics = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _redis = redis;
        _options = options;
#pragma warning disable CA2000 // Without a shared instance the archiver's meter lives as long as the process.
        _metrics = metrics ?? new ArchiverMetrics();
#pragma warning restore CA2000
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TickArchiver>();
        _store = new ArchiveStore(options.ConnectionString);
        _keys = options.Keys;
        _clock = options.TimeProvider;
    }

    /// <summary>Ticks stored in the archive by this archiver.</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    /// <summary>Ticks this archiver wrote again after a lost acknowledgement and found stored already.</summary>
    public long RowsSkipped => Interlocked.Read(ref _rowsSkipped);

    /// <summary>Stream entries acknowledged.</summary>
    public long EntriesAcknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Pending entries taken over from archivers that stopped working.</summary>
    public long EntriesClaimed => Interlocked.Read(ref _claimed);

    /// <summary>Entries acknowledged without being archived: not a valid tick, or older than the retention.</summary>
    public long EntriesRejected => Interlocked.Read(ref _rejected);

    /// <summary>Batches committed.</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <summary>Runs after each commit, before the acknowledgement: lets a test stop the archiver at the worst moment.</summary>
    internal Func<long, Task>? AfterCommit { get; init; }

    /// <summary>
    /// Creates the archive tables if needed, then archives until cancelled. On cancellation the batch in hand is
    /// written and acknowledged (if that fails, its entries stay pending and another archiver takes them over).
    /// </summary>
    /// <param name="cancellationToken">Stops the archiver.</param>
    /// <returns>A task that completes when the archiver has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await DistributedSchema.MigrateAsync(_options.ConnectionString, cancellationToken).ConfigureAwait(false);
        var db = _redis.GetDatabase();
        var lastClaim = long.MinValue;
        var lastMaintenance = long.MinValue;
        var ready = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (!ready)
                    {
                        await EnsureGroupsAsync(db).ConfigureAwait(false);
                        await ReadOwnPendingAsync(db, cancellationToken).ConfigureAwait(false);
                        ready = true;
                    }

                    if (Elapsed(lastMaintenance) >= _options.MaintenanceInterval)
                    {
                        await MaintainAsync(cancellationToken).ConfigureAwait(false);
                        lastMaintenance = _clock.GetTimestamp();
                    }

                    await AcknowledgeAsync(db).ConfigureAwait(false);
                    if (Elapsed(lastClaim) >= _options.ClaimInterval)
                    {
                        await ClaimAsync(db, cancellationToken).ConfigureAwait(false);
                        lastClaim = _clock.GetTimestamp();
                    }

                    var read = await ReadNewAsync(db).ConfigureAwait(false);
                    if (_buffer.Count >= _options.BatchSize || (_buffer.Count > 0 && Elapsed(_firstReadAt) >= _options.FlushInterval))
                    {
                        await FlushAsync(db, cancellationToken).ConfigureAwait(false);
                    }
                    else if (read == 0)
                    {
                        var wait = _buffer.Count == 0 ? _options.PollInterval : Min(_options.PollInterval, _options.FlushInterval - Elapsed(_firstReadAt));
                        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _clock, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (Failed(ex, cancellationToken) is { } store)
                {
                    _metrics.Error(store);
                    ArchiverLog.Retrying(_logger, _options.ConsumerName, store, ex.Message);
                    ready = ready && !ex.Message.Contains("NOGROUP", StringComparison.Ordinal);
                    await Task.Delay(_options.RetryDelay, _clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DrainAsync(db).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the daily partitions from today (UTC) to <see cref="ArchiverOptions.PartitionsAhead"/> days ahead,
    /// and applies the retention: partitions of days more than <see cref="ArchiverOptions.RetentionDays"/> before
    /// today are detached (and dropped, unless <see cref="ArchiverOptions.DropDetachedPartitions"/> is false). On a
    /// TimescaleDB hypertable, chunks are TimescaleDB's and retention drops the old ones. <see cref="RunAsync"/> calls
    /// this every <see cref="ArchiverOptions.MaintenanceInterval"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did.</returns>
    public async Task<ArchiveMaintenance> MaintainAsync(CancellationToken cancellationToken = default)
    {
        await DistributedSchema.MigrateAsync(_options.ConnectionString, cancellationToken).ConfigureAwait(false);
        _hypertable = await _store.IsHypertableAsync(cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        if (_hypertable)
        {
            if (_options.RetentionDays > 0)
            {
                await _store.DropChunksBeforeAsync(FirstKept(today), cancellationToken).ConfigureAwait(false);
            }

            return new ArchiveMaintenance(true, [], []);
        }

        await _store.CreatePartitionsAsync([.. Enumerable.Range(0, _options.PartitionsAhead + 1).Select(today.AddDays)], cancellationToken).ConfigureAwait(false);
        List<DateOnly> detached = [];
        if (_options.RetentionDays > 0)
        {
            var firstKept = FirstKept(today);
            detached = await _store.DetachBeforeAsync(firstKept, _options.DropDetachedPartitions, cancellationToken).ConfigureAwait(false);
            if (detached.Count > 0)
            {
                var days = string.Join(", ", detached);
                ArchiverLog.Detached(_logger, days, firstKept);
            }
        }

        var partitions = await _store.PartitionDaysAsync(cancellationToken).ConfigureAwait(false);
        lock (_partitionDays)
        {
            _partitionDays.Clear();
            _partitionDays.UnionWith(partitions);
        }

        return new ArchiveMaintenance(false, partitions, detached);
    }

    private DateOnly FirstKept(DateOnly today) => today.AddDays(-_options.RetentionDays);

    private async Task EnsureGroupsAsync(IDatabase db)
    {
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            try
            {
                await db.StreamCreateConsumerGroupAsync(_keys.Ticks(p), StreamKeys.ArchiverGroup, "0-0", createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists already.
            }
        }
    }

    // Entries this consumer read in an earlier run (same consumer name) and never acknowledged.
    private async Task ReadOwnPendingAsync(IDatabase db, CancellationToken cancellationToken)
    {
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            RedisValue after = "0-0";
            while (true)
            {
                var entries = await db.StreamReadGroupAsync(_keys.Ticks(p), StreamKeys.ArchiverGroup, _options.ConsumerName, after, _options.BatchSize).ConfigureAwait(false);
                if (entries.Length == 0)
                {
                    break;
                }

                after = entries[^1].Id;
                Add(p, entries);
                await FlushIfFullAsync(db, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Entries pending with another archiver for ClaimIdleTime: it died or is stuck, so this one takes them.
    private async Task ClaimAsync(IDatabase db, CancellationToken cancellationToken)
    {
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            RedisValue start = "0-0";
            long claimed = 0;
            do
            {
                var result = await db.StreamAutoClaimAsync(
                    _keys.Ticks(p), StreamKeys.ArchiverGroup, _options.ConsumerName, (long)_options.ClaimIdleTime.TotalMilliseconds, start, _options.BatchSize).ConfigureAwait(false);
                claimed += Add(p, result.ClaimedEntries);
                if (result.DeletedIds.Length > 0)
                {
                    // Trimmed from the stream before anyone archived them (MAXLEN too short for the outage); Redis drops them from the pending list.
                    Reject("trimmed", result.DeletedIds.Length);
                    ArchiverLog.Trimmed(_logger, _options.ConsumerName, result.DeletedIds.Length, p);
                }

                start = result.NextStartId;
                await FlushIfFullAsync(db, cancellationToken).ConfigureAwait(false);
            }
            while (start != "0-0");

            if (claimed > 0)
            {
                Interlocked.Add(ref _claimed, claimed);
                _metrics.Claimed(claimed);
                ArchiverLog.Claimed(_logger, _options.ConsumerName, claimed, p);
            }
        }
    }

    private async Task<int> ReadNewAsync(IDatabase db)
    {
        var room = Math.Max(1, _options.BatchSize - _buffer.Count);
        var perStream = Math.Max(1, (room + _options.PartitionCount - 1) / _options.PartitionCount);
        var positions = Enumerable.Range(0, _options.PartitionCount).Select(p => new StreamPosition(_keys.Ticks(p), StreamPosition.NewMessages)).ToArray();
        var streams = await db.StreamReadGroupAsync(positions, StreamKeys.ArchiverGroup, _options.ConsumerName, perStream).ConfigureAwait(false);
        var read = 0;
        foreach (var stream in streams)
        {
            read += Add(Partition(stream.Key), stream.Entries);
        }

        return read;
    }

    private static int Partition(RedisKey key)
    {
        var text = (string)key!;
        return int.Parse(text.AsSpan(text.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    private int Add(int partition, StreamEntry[] entries)
    {
        var added = 0;
        foreach (var entry in entries)
        {
            if (entry.IsNull || !_buffered.Add((partition, entry.Id)))
            {
                continue;
            }

            if (_buffer.Count == 0)
            {
                _firstReadAt = _clock.GetTimestamp();
            }

            _buffer.Add(new Pending(partition, entry.Id, ToRow(entry)));
            added++;
        }

        return added;
    }

    private static ArchiveRow? ToRow(StreamEntry entry)
    {
        if (!TickEntry.TryDecode(entry, out var tick))
        {
            return null;
        }

        var id = StreamId.Parse(entry.Id);
        var row = new ArchiveRow { Symbol = tick.Symbol, Time = tick.Time.ToUniversalTime(), EntryMs = id.Ms, EntrySeq = id.Seq };
        row.SetValues(tick);
        return row;
    }

    private Task FlushIfFullAsync(IDatabase db, CancellationToken cancellationToken) =>
        _buffer.Count >= _options.BatchSize ? FlushAsync(db, cancellationToken) : Task.CompletedTask;

    // Writes the batch in hand (one transaction), then acknowledges its entries.
    private async Task FlushAsync(IDatabase db, CancellationToken cancellationToken)
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        var firstKept = _options.RetentionDays > 0 ? FirstKept(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime)) : DateOnly.MinValue;
        var rows = new List<ArchiveRow>(_buffer.Count);
        long invalid = 0, expired = 0;
        foreach (var pending in _buffer)
        {
            if (pending.Row is not { } row)
            {
                invalid++;
            }
            else if (DateOnly.FromDateTime(row.Time.UtcDateTime) < firstKept)
            {
                // Its day is past the retention: archiving it would bring back a partition retention removed.
                expired++;
            }
            else
            {
                rows.Add(row);
            }
        }

        if (rows.Count > 0)
        {
            await EnsurePartitionsAsync(rows, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var inserted = await _store.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
            _metrics.Written(rows.Count, inserted, Stopwatch.GetElapsedTime(started));
            Interlocked.Add(ref _rowsWritten, inserted);
            Interlocked.Add(ref _rowsSkipped, rows.Count - inserted);
        }

        Reject("invalid", invalid);
        Reject("expired", expired);
        Interlocked.Increment(ref _batches);
        if (_toAcknowledge.Count == 0)
        {
            _toAcknowledgeSince = _firstReadAt;
        }

        _toAcknowledge.AddRange(_buffer);
        _buffer.Clear();
        _buffered.Clear();
        if (AfterCommit is { } hook)
        {
            await hook(BatchesWritten).ConfigureAwait(false);
        }

        await AcknowledgeAsync(db).ConfigureAwait(false);
    }

    private async Task EnsurePartitionsAsync(List<ArchiveRow> rows, CancellationToken cancellationToken)
    {
        if (_hypertable)
        {
            return;
        }

        List<DateOnly> missing;
        lock (_partitionDays)
        {
            missing = [.. rows.Select(r => DateOnly.FromDateTime(r.Time.UtcDateTime)).Distinct().Where(d => !_partitionDays.Contains(d))];
        }

        if (missing.Count == 0)
        {
            return;
        }

        await _store.CreatePartitionsAsync(missing, cancellationToken).ConfigureAwait(false);
        lock (_partitionDays)
        {
            _partitionDays.UnionWith(missing);
        }
    }

    private async Task AcknowledgeAsync(IDatabase db)
    {
        if (_toAcknowledge.Count == 0)
        {
            return;
        }

        foreach (var partition in _toAcknowledge.GroupBy(p => p.Partition))
        {
            await db.StreamAcknowledgeAsync(_keys.Ticks(partition.Key), StreamKeys.ArchiverGroup, [.. partition.Select(p => p.Id)]).ConfigureAwait(false);
        }

        Interlocked.Add(ref _acknowledged, _toAcknowledge.Count);
        _metrics.Acknowledged(Elapsed(_toAcknowledgeSince));
        _toAcknowledge.Clear();
    }

    private async Task DrainAsync(IDatabase db)
    {
        try
        {
            await FlushAsync(db, CancellationToken.None).ConfigureAwait(false);
            await AcknowledgeAsync(db).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failed(ex, CancellationToken.None) is { } store)
        {
            // Left pending: another archiver (or this one, restarted under the same name) writes them later.
            _metrics.Error(store);
            ArchiverLog.Retrying(_logger, _options.ConsumerName, store, ex.Message);
        }
    }

    private void Reject(string reason, long count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _rejected, count);
            _metrics.Rejected(reason, count);
        }
    }

    private TimeSpan Elapsed(long since) => since == long.MinValue ? TimeSpan.MaxValue : _clock.GetElapsedTime(since);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Which store failed, for failures worth retrying; null for the others (and for cancellation).
    private static string? Failed(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        _ when cancellationToken.IsCancellationRequested => null,
        RedisException => "redis",
        NpgsqlException => "postgres",
        TimeoutException => "redis",
        _ => null,
    };

    private sealed record Pending(int Partition, RedisValue Id, ArchiveRow? Row);
}
