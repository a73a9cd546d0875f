using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;

namespace QuantPulse.Sources.Live;

/// <summary>
/// The data plane shared by the live sources: per-symbol de-duplication and validation, the bounded buffer between
/// the receive loop and the reader, back-fill buffering, rejection counting, status and watermark.
/// </summary>
/// <remarks>
/// <para>
/// Producer-side members (<see cref="EmitAsync"/>, <see cref="EmitBackfillAsync"/>, <see cref="Pending"/>, …) must
/// be called by one logical writer at a time (the Deriv receive loop; the Binance connector serialises its loops
/// with a gate). <see cref="GetWatermark"/>, <see cref="Status"/> and the statistics may be read from any thread.
/// </para>
/// <para>
/// De-duplication keeps, per symbol, the key of the last tick yielded and drops every tick whose key is not larger:
/// both venues key ticks by a per-symbol strictly increasing value, and back-fills are always yielded before the
/// live ticks buffered behind them, so "larger than the last" is exactly "not seen before".
/// </para>
/// </remarks>
internal sealed class LiveFeed
{
    private const long FloorNone = 0;
    private const long FloorUnknown = -1;
    private const int DetailLength = 240;
    private const int BufferFullLogKey = -1;

    private readonly Channel<FeedItem> _channel;
    private readonly Slot[] _slots;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _maxClockSkew;
    private readonly LogThrottle _throttle;
    private readonly StatusPublisher _status;
    private readonly Lock _failuresGate = new();
    private readonly List<SymbolFailure> _failures = [];
    private volatile ConnectionState _state;

    public LiveFeed(string name, SymbolTable symbols, int capacity, TimeSpan maxClockSkew, TimeProvider timeProvider, ILogger logger)
    {
        Name = name;
        Symbols = symbols;
        Capacity = capacity;
        _maxClockSkew = maxClockSkew;
        _time = timeProvider;
        _logger = logger;
        _throttle = new LogThrottle(timeProvider, TimeSpan.FromSeconds(10));
        _slots = new Slot[symbols.Count];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot();
        }

        _channel = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _status = new StatusPublisher(
            new ConnectionStatus(ConnectionState.Idle, 0, timeProvider.GetUtcNow()),
            ex => LiveSourceLog.ObserverFailed(logger, name, ex));
    }

    public string Name { get; }

    public SymbolTable Symbols { get; }

    public int Capacity { get; }

    public TimeProvider Time => _time;

    public ILogger Logger => _logger;

    public TickSourceStatistics Statistics { get; } = new();

    public LiveSourceStatistics Connection { get; } = new();

    public ConnectionStatus Status => _status.Current;

    public IObservable<ConnectionStatus> StatusChanges => _status;

    public ChannelReader<FeedItem> Reader => _channel.Reader;

    public IReadOnlyList<SymbolFailure> Failures
    {
        get
        {
            lock (_failuresGate)
            {
                return [.. _failures];
            }
        }
    }

    public bool IsFailed(int symbol) => _slots[symbol].Failed;

    /// <summary>The key of the last tick yielded for <paramref name="symbol"/>, if any.</summary>
    public long? LastKey(int symbol) => _slots[symbol].HasKey ? _slots[symbol].LastKey : null;

    /// <summary>The live ticks held back while <paramref name="symbol"/> back-fills.</summary>
    public List<KeyedTick> Pending(int symbol) => _slots[symbol].Pending;

    /// <summary>Forgets ticks held back by a connection that ended before its back-fill did.</summary>
    public void ClearPending()
    {
        foreach (var slot in _slots)
        {
            slot.Pending.Clear();
        }
    }

    /// <summary>
    /// The earliest "last tick time" over the symbols that yielded anything: every symbol has been seen up to at
    /// least this instant. <c>null</c> when nothing was yielded yet.
    /// </summary>
    public DateTimeOffset? EarliestLastTime()
    {
        var min = long.MaxValue;
        foreach (var slot in _slots)
        {
            if (!slot.Failed && slot.HasKey)
            {
                min = Math.Min(min, slot.LastUtcTicks);
            }
        }

        return min == long.MaxValue ? null : new DateTimeOffset(min, TimeSpan.Zero);
    }

    /// <summary>
    /// Declares that <paramref name="symbol"/> is about to yield history of unknown age, so the watermark must not
    /// move until its first tick has been read.
    /// </summary>
    public void ExpectHistory(int symbol)
    {
        var slot = _slots[symbol];
        if (Volatile.Read(ref slot.ConsumedUtcTicks) == 0 && !slot.HasKey)
        {
            Volatile.Write(ref slot.FloorHint, FloorUnknown);
        }
    }

    /// <summary>Declares that no tick of <paramref name="symbol"/> older than <paramref name="floor"/> will be yielded.</summary>
    public void SetFloor(int symbol, DateTimeOffset floor)
    {
        var slot = _slots[symbol];
        if (Volatile.Read(ref slot.ConsumedUtcTicks) == 0 && Volatile.Read(ref slot.FloorHint) <= FloorNone)
        {
            Volatile.Write(ref slot.FloorHint, floor.UtcTicks);
        }
    }

    /// <summary>De-duplicates, validates and buffers one tick; waits only when the buffer is full.</summary>
    public ValueTask EmitAsync(int symbol, in Tick tick, long key, CancellationToken cancellationToken) =>
        Admit(symbol, tick, key, _time.GetUtcNow()) ? WriteAsync(new FeedItem(tick, symbol), cancellationToken) : default;

    /// <summary>
    /// Ends a back-fill: yields <paramref name="history"/> (ascending keys) and then the live ticks held back in
    /// <see cref="Pending"/>, both de-duplicated; clears the pending list.
    /// </summary>
    /// <returns>How many history ticks were yielded (the rest were duplicates or rejected).</returns>
    public async ValueTask<int> EmitBackfillAsync(int symbol, IReadOnlyList<KeyedTick> history, CancellationToken cancellationToken)
    {
        var slot = _slots[symbol];
        var yielded = 0;
        var now = _time.GetUtcNow();
        foreach (var item in history)
        {
            if (Admit(symbol, item.Tick, item.Key, now))
            {
                yielded++;
                Connection.RecordBackfilledTick();
                await WriteAsync(new FeedItem(item.Tick, symbol), cancellationToken).ConfigureAwait(false);
            }
        }

        // History is in; an unknown floor left over (an empty history) no longer holds the watermark back.
        if (Volatile.Read(ref slot.FloorHint) == FloorUnknown)
        {
            Volatile.Write(ref slot.FloorHint, FloorNone);
        }

        for (var i = 0; i < slot.Pending.Count; i++)
        {
            var item = slot.Pending[i];
            if (Admit(symbol, item.Tick, item.Key, now))
            {
                await WriteAsync(new FeedItem(item.Tick, symbol), cancellationToken).ConfigureAwait(false);
            }
        }

        slot.Pending.Clear();
        return yielded;
    }

    /// <summary>Counts and (rate-limited) logs an input that could not become a tick.</summary>
    public void Reject(TickRejection reason, ReadOnlySpan<byte> message)
    {
        if (_throttle.ShouldLog((int)reason, out var suppressed))
        {
            var text = Encoding.UTF8.GetString(message[..Math.Min(message.Length, DetailLength)]);
            var count = Statistics.RecordRejected(reason, text);
            LogRejection(reason, count, suppressed, text);
        }
        else
        {
            Statistics.RecordRejected(reason);
        }
    }

    /// <summary>Counts and (rate-limited) logs an input that could not become a tick, described in words.</summary>
    public void Reject(TickRejection reason, string detail)
    {
        if (_throttle.ShouldLog((int)reason, out var suppressed))
        {
            var count = Statistics.RecordRejected(reason, detail);
            LogRejection(reason, count, suppressed, detail);
        }
        else
        {
            Statistics.RecordRejected(reason);
        }
    }

    /// <summary>Marks a symbol as refused by the venue.</summary>
    /// <returns>Whether every symbol is now refused (nothing is left to stream).</returns>
    public bool FailSymbol(int symbol, string code, string message)
    {
        var slot = _slots[symbol];
        if (slot.Failed)
        {
            return AllFailed();
        }

        slot.Failed = true;
        slot.Pending.Clear();
        lock (_failuresGate)
        {
            _failures.Add(new SymbolFailure(Symbols[symbol], code, message, _time.GetUtcNow()));
        }

        LiveSourceLog.SymbolRefused(_logger, Name, Symbols[symbol], code, message);
        return AllFailed();
    }

    public bool AllFailed() => _slots.All(s => s.Failed);

    public void Publish(ConnectionState state, int attempt, TimeSpan? retryDelay = null, string? reason = null)
    {
        _state = state;
        _status.Publish(new ConnectionStatus(state, attempt, _time.GetUtcNow()) { RetryDelay = retryDelay, Reason = reason });
        LiveSourceLog.StateChanged(_logger, Name, state, attempt);
    }

    /// <summary>Ends the tick stream (with <paramref name="error"/> if the source failed) and the status stream.</summary>
    public void Complete(Exception? error)
    {
        _channel.Writer.TryComplete(error);
        _status.Complete();
    }

    /// <summary>Called by the reader for every tick it takes out of the buffer.</summary>
    public void MarkConsumed(in FeedItem item) =>
        Volatile.Write(ref _slots[item.Symbol].ConsumedUtcTicks, item.Tick.Time.UtcTicks);

    /// <summary>See <see cref="ITickSource.GetWatermark"/>.</summary>
    /// <remarks>
    /// While live and with nothing waiting in the buffer, the source has handed over everything it has: the clock
    /// itself is the watermark. Otherwise (connecting, back-filling, reconnecting, or the reader behind) the
    /// watermark is the earliest instant any symbol can still yield: its last tick read, or a floor declared for a
    /// back-fill; a symbol whose history is still to come and of unknown age makes it <c>null</c>.
    /// </remarks>
    public DateTimeOffset? GetWatermark(DateTimeOffset now)
    {
        if (_state == ConnectionState.Live && _channel.Reader.Count == 0)
        {
            return now;
        }

        var min = long.MaxValue;
        foreach (var slot in _slots)
        {
            if (slot.Failed)
            {
                continue;
            }

            var consumed = Volatile.Read(ref slot.ConsumedUtcTicks);
            var floor = consumed != 0 ? consumed : Volatile.Read(ref slot.FloorHint);
            if (floor == FloorUnknown)
            {
                return null;
            }

            if (floor != FloorNone)
            {
                min = Math.Min(min, floor);
            }
        }

        return min == long.MaxValue ? null : new DateTimeOffset(min, TimeSpan.Zero);
    }

    private bool Admit(int symbol, in Tick tick, long key, DateTimeOffset now)
    {
        var slot = _slots[symbol];
        if (slot.Failed)
        {
            return false;
        }

        var reason = TickValidator.Validate(tick, now, _maxClockSkew);
        if (reason != TickRejection.None)
        {
            RejectTick(reason, tick);
            return false;
        }

        if (slot.HasKey && key <= slot.LastKey)
        {
            RejectDuplicate(tick, key);
            return false;
        }

        slot.HasKey = true;
        slot.LastKey = key;
        slot.LastUtcTicks = tick.Time.UtcTicks;
        if (Volatile.Read(ref slot.ConsumedUtcTicks) == 0 && Volatile.Read(ref slot.FloorHint) <= FloorNone)
        {
            Volatile.Write(ref slot.FloorHint, tick.Time.UtcTicks);
        }

        return true;
    }

    private ValueTask WriteAsync(FeedItem item, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(item))
        {
            Statistics.RecordAccepted();
            return default;
        }

        return WaitAndWriteAsync(item, cancellationToken);
    }

    private async ValueTask WaitAndWriteAsync(FeedItem item, CancellationToken cancellationToken)
    {
        Connection.RecordBufferFull();
        if (_throttle.ShouldLog(BufferFullLogKey, out var suppressed))
        {
            LiveSourceLog.BufferFull(_logger, Name, Capacity, Connection.BufferFullEvents, suppressed);
        }

        await _channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        Statistics.RecordAccepted();
    }

    private void RejectTick(TickRejection reason, in Tick tick)
    {
        if (_throttle.ShouldLog((int)reason, out var suppressed))
        {
            var detail = FormattableString.Invariant($"{tick.Symbol} at {tick.Time:O}: price {tick.Price}, size {tick.Size}");
            var count = Statistics.RecordRejected(reason, detail);
            LogRejection(reason, count, suppressed, detail);
        }
        else
        {
            Statistics.RecordRejected(reason);
        }
    }

    private void RejectDuplicate(in Tick tick, long key)
    {
        if (_logger.IsEnabled(LogLevel.Debug) && _throttle.ShouldLog((int)TickRejection.Duplicate, out var suppressed))
        {
            var detail = FormattableString.Invariant($"{tick.Symbol} key {key} at {tick.Time:O}");
            var count = Statistics.RecordRejected(TickRejection.Duplicate, detail);
            LiveSourceLog.DuplicateDropped(_logger, Name, count, suppressed, detail);
        }
        else
        {
            Statistics.RecordRejected(TickRejection.Duplicate);
        }
    }

    private void LogRejection(TickRejection reason, long count, long suppressed, string detail)
    {
        if (reason == TickRejection.Duplicate)
        {
            LiveSourceLog.DuplicateDropped(_logger, Name, count, suppressed, detail);
        }
        else
        {
            LiveSourceLog.InputRejected(_logger, Name, reason, count, suppressed, detail);
        }
    }

    private sealed class Slot
    {
        public readonly List<KeyedTick> Pending = [];
        public long LastKey;
        public bool HasKey;
        public long LastUtcTicks;
        public long ConsumedUtcTicks;
        public long FloorHint;
        public volatile bool Failed;
    }
}
