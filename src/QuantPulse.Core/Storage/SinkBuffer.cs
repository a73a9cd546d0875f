using QuantPulse.Internal.Batching;
using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>
/// The <see cref="SinkBlock"/>'s queue: what each batch contributes to storage (with ticks when
/// <c>storeTicks</c>), queued in arrival order and taken out in chunks of at most N items. Not thread-safe; the
/// engine guards it.
/// </summary>
/// <remarks>
/// Ticks are queued as runs that share the batch's memory (no copy per tick); a run that does not fit in a
/// chunk is split, and the rest stays at the head of the queue.
/// </remarks>
internal sealed class SinkBuffer(bool storeTicks) : IBatchBuffer<MarketBatch, SinkChunk>
{
    private readonly Queue<Entry> _entries = new();
    private int _headTicksTaken;

    /// <summary>How many items wait (every tick counts as one).</summary>
    public int Count { get; private set; }

    /// <summary>When the oldest waiting item was added (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    /// <exception cref="InvalidOperationException">The buffer is empty.</exception>
    public long OldestTimestamp => _entries.Peek().Timestamp;

    /// <summary>How many items <paramref name="batch"/> contributes.</summary>
    public static int CountItems(MarketBatch batch, bool storeTicks) =>
        batch.Candles.Count + batch.Signals.Count + batch.Trades.Count + (storeTicks ? batch.Ticks.Length : 0);

    /// <summary>Queues what <paramref name="batch"/> contributes; returns how many items that is.</summary>
    public int Add(MarketBatch batch, long timestamp)
    {
        foreach (var closed in batch.Candles)
        {
            _entries.Enqueue(new Entry(closed.Candle, default, timestamp));
        }

        foreach (var raised in batch.Signals)
        {
            _entries.Enqueue(new Entry(raised.Signal, default, timestamp));
        }

        foreach (var tradeEvent in batch.Trades)
        {
            _entries.Enqueue(new Entry(tradeEvent.Trade, default, timestamp));
        }

        if (storeTicks && !batch.Ticks.IsEmpty)
        {
            _entries.Enqueue(new Entry(null, batch.Ticks, timestamp));
        }

        var added = CountItems(batch, storeTicks);
        Count += added;
        return added;
    }

    /// <summary>Takes up to <paramref name="maxItems"/> items, oldest first.</summary>
    public (SinkChunk Chunk, int Items) Take(int maxItems)
    {
        var chunk = new SinkChunk();
        List<ReadOnlyMemory<Tick>>? runs = null;
        var taken = 0;
        while (taken < maxItems && _entries.TryPeek(out var head))
        {
            switch (head.Item)
            {
                case Candle candle:
                    chunk.Candles.Add(candle);
                    break;
                case Signal signal:
                    chunk.Signals.Add(signal);
                    break;
                case Trade trade:
                    chunk.AddTrade(trade);
                    break;
                default:
                    var available = head.Ticks.Length - _headTicksTaken;
                    var n = Math.Min(available, maxItems - taken);
                    (runs ??= []).Add(head.Ticks.Slice(_headTicksTaken, n));
                    taken += n;
                    if (n < available)
                    {
                        _headTicksTaken += n;
                        continue;
                    }

                    _headTicksTaken = 0;
                    _entries.Dequeue();
                    continue;
            }

            taken++;
            _entries.Dequeue();
        }

        chunk.Ticks = Concat(runs);
        Count -= taken;
        return (chunk, taken);
    }

    /// <summary>Drops everything (the block was aborted); returns how many items were dropped.</summary>
    public int Clear()
    {
        var dropped = Count;
        _entries.Clear();
        _headTicksTaken = 0;
        Count = 0;
        return dropped;
    }

    private static ReadOnlyMemory<Tick> Concat(List<ReadOnlyMemory<Tick>>? runs)
    {
        if (runs is null)
        {
            return ReadOnlyMemory<Tick>.Empty;
        }

        if (runs.Count == 1)
        {
            return runs[0];
        }

        var all = new Tick[runs.Sum(r => r.Length)];
        var at = 0;
        foreach (var run in runs)
        {
            run.Span.CopyTo(all.AsSpan(at));
            at += run.Length;
        }

        return all;
    }

    /// <summary>A candle, signal or trade (<see cref="Item"/>), or a run of ticks when <see cref="Item"/> is null.</summary>
    private readonly record struct Entry(object? Item, ReadOnlyMemory<Tick> Ticks, long Timestamp);
}
