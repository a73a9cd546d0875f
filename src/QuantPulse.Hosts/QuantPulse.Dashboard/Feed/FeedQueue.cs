namespace QuantPulse.Dashboard.Feed;

/// <summary>
/// One outgoing message of the feed: its UTF-8 JSON and when it entered the queue; with <see cref="CloseStatus"/> set,
/// the connection is closed with that status after the message is sent.
/// </summary>
internal sealed record FeedMessage(ReadOnlyMemory<byte> Json, bool IsTick, long EnqueuedAt)
{
    public System.Net.WebSockets.WebSocketCloseStatus? CloseStatus { get; init; }
}

/// <summary>What <see cref="FeedQueue.DequeueAsync"/> took: ticks dropped before it, and the message (null after an overflow).</summary>
internal readonly record struct FeedTake(FeedMessage? Message, long Dropped);

/// <summary>
/// A client's bounded outgoing queue. Ticks may be dropped (the oldest first, counted); every other message is
/// kept, and when it cannot be the queue is marked <see cref="Overflowed"/> so the connection is closed instead.
/// </summary>
/// <remarks>Thread-safe: the pipeline enqueues while the client's writer dequeues.</remarks>
internal sealed class FeedQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Sequence, FeedMessage Message)> _ticks = new();
    private readonly Queue<(long Sequence, FeedMessage Message)> _events = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly int _tickCapacity;
    private readonly int _eventCapacity;
    private long _sequence;
    private long _dropped;
    private long _droppedTotal;
    private bool _disposed;

    public FeedQueue(int tickCapacity, int eventCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventCapacity);
        _tickCapacity = tickCapacity;
        _eventCapacity = eventCapacity;
    }

    /// <summary>Whether a message other than a tick could not be queued.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Ticks dropped since the queue was created.</summary>
    public long DroppedTotal
    {
        get
        {
            lock (_gate)
            {
                return _droppedTotal;
            }
        }
    }

    /// <summary>Queues a message; returns how many ticks were dropped to make room (0 or 1).</summary>
    public int Enqueue(FeedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var dropped = 0;
        lock (_gate)
        {
            // The pipeline may still hold a client whose connection has just ended: its queue takes nothing more.
            if (Overflowed || _disposed)
            {
                return 0;
            }

            if (message.IsTick)
            {
                if (_ticks.Count == _tickCapacity)
                {
                    _ticks.Dequeue();
                    _dropped++;
                    _droppedTotal++;
                    dropped = 1;
                }
                else
                {
                    _available.Release();
                }

                _ticks.Enqueue((_sequence++, message));
                return dropped;
            }

            if (_events.Count == _eventCapacity)
            {
                Overflowed = true;
                _ticks.Clear();
                _events.Clear();
                _available.Release();
                return 0;
            }

            _events.Enqueue((_sequence++, message));
            _available.Release();
        }

        return dropped;
    }

    /// <summary>Waits for the next message, in queue order, with the ticks dropped since the previous take.</summary>
    /// <returns>The take; its message is null once the queue has overflowed.</returns>
    public async ValueTask<FeedTake> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                var dropped = _dropped;
                _dropped = 0;
                if (Overflowed)
                {
                    return new FeedTake(null, dropped);
                }

                if (TakeNext() is { } next)
                {
                    return new FeedTake(next, dropped);
                }
            }
        }
    }

    /// <summary>Takes the next message without waiting, or null (for tests and draining).</summary>
    public FeedMessage? TryDequeue(out long dropped)
    {
        lock (_gate)
        {
            dropped = _dropped;
            _dropped = 0;
            if (Overflowed || _disposed)
            {
                return null;
            }

            var next = TakeNext();
            if (next is not null)
            {
                _available.Wait(0);
            }

            return next;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _ticks.Clear();
            _events.Clear();
        }

        _available.Dispose();
    }

    private FeedMessage? TakeNext()
    {
        var hasTick = _ticks.TryPeek(out var tick);
        var hasEvent = _events.TryPeek(out var evt);
        if (!hasTick && !hasEvent)
        {
            return null;
        }

        return hasTick && (!hasEvent || tick.Sequence < evt.Sequence) ? _ticks.Dequeue().Message : _events.Dequeue().Message;
    }
}
