using System.Runtime.CompilerServices;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources;
using QuantPulse.Storage;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// One owned partition: its own pipeline fed from the partition's stream. On start it replays the partition's
/// journal (the ticks applied before, in stream order) to rebuild the state, takes over the pending entries of
/// earlier owners (<c>XAUTOCLAIM</c>), then reads new entries (<c>XREADGROUP</c>). Every new entry is journalled
/// before it enters the pipeline, and acknowledged (<c>XACK</c>, fenced by the lease) only once the batch its tick
/// ended up in has been stored.
/// </summary>
internal sealed class PartitionRun : ITickSource
{
    private readonly int _partition;
    private readonly PartitionLease _lease;
    private readonly IDatabase _redis;
    private readonly TickJournal _journal;
    private readonly IMarketStore _store;
    private readonly WorkerOptions _options;
    private readonly WorkerCounters _counters;
    private readonly RedisKey _stream;
    private readonly EventPublisher? _events;
    private readonly Lock _gate = new();
    private readonly Queue<(long TickIndex, RedisValue Id)> _unacknowledged = new();
    private long _yielded;
    private long _processed;
    private long _replayed = long.MaxValue;

    public PartitionRun(
        int partition,
        PartitionLease lease,
        IDatabase redis,
        TickJournal journal,
        IMarketStore store,
        WorkerOptions options,
        WorkerCounters counters)
    {
        _partition = partition;
        _lease = lease;
        _redis = redis;
        _journal = journal;
        _store = store;
        _options = options;
        _counters = counters;
        _stream = options.Keys.Ticks(partition);
        _events = options.EventsMaxLength > 0 ? new EventPublisher(redis, options.Keys.Events, options.EventsMaxLength) : null;
    }

    public string Name => $"redis:{_stream}";

    public TickSourceStatistics Statistics { get; } = new();

    public PartitionLease Lease => _lease;

    public DateTimeOffset? GetWatermark(DateTimeOffset now) => null;

    public async Task RunAsync(Func<ITickSource, MarketPipelineBuilder> template, CancellationToken cancellationToken)
    {
        var pipeline = template(this).OnBatch(StoreAndAcknowledgeAsync).Build();
        await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
        await AcknowledgeReadyAsync().ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureGroupAsync().ConfigureAwait(false);

        // 1. Rebuild: every tick applied before, in stream order. Their outputs are stored already (or are stored
        //    again, identically, by this run); their entries were acknowledged, or are acknowledged below.
        var journal = await _journal.LoadAsync(_partition, cancellationToken).ConfigureAwait(false);
        StreamId? last = journal.Count > 0 ? journal[^1].Id : null;

        // 2. Take over what earlier owners read but never acknowledged, and sort this consumer's pending list into
        //    entries the journal holds (applied before the crash: only acknowledged, after the replay is stored)
        //    and fresh ones.
        await ClaimPendingAsync().ConfigureAwait(false);
        var applied = new List<RedisValue>();
        var fresh = new List<StreamEntry>();
        RedisValue after = "0";
        while (true)
        {
            var entries = await _lease.ReadAsync(_partition, _options.WorkerId, after, _options.ReadBatchSize).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                break;
            }

            after = entries[^1].Id;
            foreach (var entry in entries)
            {
                if (last is { } journalled && StreamId.Parse(entry.Id) <= journalled)
                {
                    applied.Add(entry.Id);
                }
                else
                {
                    fresh.Add(entry);
                }
            }
        }

        // Events of the unacknowledged tail may never have been published: publish from its first tick on (at least once).
        var firstUnacknowledged = applied.Count == 0 ? (StreamId?)null : StreamId.Parse(applied[0]);
        var republishFrom = firstUnacknowledged is { } first ? journal.FindIndex(j => j.Id >= first) : -1;
        Volatile.Write(ref _replayed, republishFrom < 0 ? journal.Count : republishFrom);
        foreach (var (_, tick) in journal)
        {
            _yielded++;
            yield return tick;
        }

        _counters.Replayed(journal.Count);
        foreach (var id in applied)
        {
            Enqueue(id);
        }

        foreach (var tick in await AdmitAsync(fresh, cancellationToken).ConfigureAwait(false))
        {
            yield return tick;
        }

        // 3. New entries, as they come.
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await AcknowledgeReadyAsync().ConfigureAwait(false);
            var entries = await _lease.ReadAsync(_partition, _options.WorkerId, ">", _options.ReadBatchSize).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var tick in await AdmitAsync(entries, cancellationToken).ConfigureAwait(false))
            {
                yield return tick;
            }
        }
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await _redis.StreamCreateConsumerGroupAsync(_stream, StreamKeys.WorkerGroup, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists already.
        }
    }

    private async Task ClaimPendingAsync()
    {
        RedisValue start = "0-0";
        do
        {
            // The lease says no one else works this partition, so pending entries of any idle time are ours to take.
            var claimed = await _redis.StreamAutoClaimIdsOnlyAsync(_stream, StreamKeys.WorkerGroup, _options.WorkerId, 0, start, _options.ReadBatchSize).ConfigureAwait(false);
            _counters.Claimed(claimed.ClaimedIds.Length);
            start = claimed.NextStartId;
        }
        while (start != "0-0");
    }

    // Journals the valid ticks of new entries and lines every entry up for acknowledgement behind its tick.
    private async Task<List<Tick>> AdmitAsync(IReadOnlyList<StreamEntry> entries, CancellationToken cancellationToken)
    {
        var admitted = new List<(StreamId Id, Tick Tick)>(entries.Count);
        foreach (var entry in entries)
        {
            if (TickEntry.TryDecode(entry, out var tick))
            {
                admitted.Add((StreamId.Parse(entry.Id), tick));
            }
            else
            {
                Statistics.RecordRejected(TickRejection.MissingSymbol, $"entry {entry.Id} of {_stream} is not a valid tick");
                _counters.Rejected();
            }
        }

        await _journal.AppendAsync(_partition, admitted, cancellationToken).ConfigureAwait(false);
        var ticks = new List<Tick>(admitted.Count);
        var next = 0;
        foreach (var entry in entries)
        {
            if (next < admitted.Count && admitted[next].Id == StreamId.Parse(entry.Id))
            {
                ticks.Add(admitted[next++].Tick);
                _yielded++;
            }

            Enqueue(entry.Id);
        }

        Statistics.RecordAccepted(ticks.Count);
        return ticks;
    }

    private void Enqueue(RedisValue id)
    {
        lock (_gate)
        {
            _unacknowledged.Enqueue((_yielded, id));
        }
    }

    private async ValueTask StoreAndAcknowledgeAsync(MarketBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Candles.Count > 0)
        {
            await _store.Candles.SaveAsync([.. batch.Candles.Select(c => c.Candle)], cancellationToken).ConfigureAwait(false);
        }

        if (batch.Signals.Count > 0)
        {
            await _store.Signals.SaveAsync([.. batch.Signals.Select(s => s.Signal)], cancellationToken).ConfigureAwait(false);
        }

        if (batch.Trades.Count > 0)
        {
            await _store.Trades.UpsertAsync([.. batch.Trades.Select(t => t.Trade)], cancellationToken).ConfigureAwait(false);
        }

        var processed = Interlocked.Add(ref _processed, batch.Ticks.Length);
        if (_events is not null && processed > Volatile.Read(ref _replayed))
        {
            // Batches of the replay were published by the worker that applied them first.
            await _events.PublishAsync(batch).ConfigureAwait(false);
        }

        _counters.Applied(batch.Ticks.Length);
        await AcknowledgeReadyAsync().ConfigureAwait(false);
    }

    private async Task AcknowledgeReadyAsync()
    {
        var processed = Interlocked.Read(ref _processed);
        List<RedisValue> ready = [];
        lock (_gate)
        {
            while (_unacknowledged.TryPeek(out var item) && item.TickIndex <= processed)
            {
                ready.Add(_unacknowledged.Dequeue().Id);
            }
        }

        if (ready.Count == 0)
        {
            return;
        }

        if (!await _lease.AcknowledgeAsync(ready).ConfigureAwait(false))
        {
            throw new LeaseLostException(_partition);
        }

        _counters.Acknowledged(ready.Count);
    }
}
