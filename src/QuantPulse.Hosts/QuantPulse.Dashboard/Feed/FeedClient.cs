using System.Buffers;
using System.Collections.Frozen;
using System.Net.WebSockets;

namespace QuantPulse.Dashboard.Feed;

/// <summary>
/// One WebSocket client of the feed: its subscriptions, its bounded queue, a writer that drains the queue and a reader
/// that answers its requests.
/// </summary>
internal sealed class FeedClient
{
    /// <summary>The largest client frame accepted.</summary>
    public const int MaxFrameBytes = 4096;

    /// <summary>Bad messages within a minute after which the client is closed with 1008.</summary>
    public const int MaxBadMessagesPerMinute = 100;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _symbols = new(StringComparer.Ordinal);
    private readonly Queue<long> _badMessages = new();
    private readonly WebSocket _socket;
    private readonly TimeProvider _timeProvider;
    private readonly FeedMetrics _metrics;
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TimeSpan OverflowGrace = TimeSpan.FromSeconds(5);
    private CancellationTokenSource? _connection;
    private FeedChannels _channels;

    // What the client wants, as an immutable snapshot: the pipeline reads it for every message without a lock.
    private volatile Subscription _subscription = Subscription.Nothing;

    /// <summary>1013 Try Again Later: the close status for a client too slow to take its updates.</summary>
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public FeedClient(WebSocket socket, FeedQueue queue, TimeProvider timeProvider, FeedMetrics metrics)
    {
        _socket = socket;
        Queue = queue;
        _timeProvider = timeProvider;
        _metrics = metrics;
    }

    public FeedQueue Queue { get; }

    /// <summary>
    /// Called when the queue overflowed: the writer sends an error and closes with 1013 once its current send ends;
    /// a client that reads nothing at all is disconnected after a grace period.
    /// </summary>
    public void OnOverflow()
    {
        try
        {
            _connection?.CancelAfter(OverflowGrace);
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    /// <summary>
    /// Called after the client's subscriptions changed and before the reply that confirms them is queued, so that
    /// every message published after the confirmation is routed by the new subscriptions.
    /// </summary>
    public Action? SubscriptionChanged { get; set; }

    /// <summary>What the client is subscribed to now.</summary>
    public Subscription Subscriptions => _subscription;

    /// <summary>Whether the client wants messages of a channel for a symbol.</summary>
    public bool Wants(FeedChannels channel, string symbol) => _subscription.Wants(channel, symbol);

    /// <summary>Runs the client until it disconnects, misbehaves or the host stops.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _connection = linked;
        var writer = WriteAndSignalAsync(linked.Token);
        try
        {
            await ReadAsync(linked.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the host is stopping.
        }
        finally
        {
            await linked.CancelAsync();
            try
            {
                await writer;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The writer stops with the connection.
            }
        }
    }

    private async Task WriteAndSignalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(cancellationToken);
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                var oversized = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    var room = oversized ? buffer.AsMemory() : buffer.AsMemory(length, MaxFrameBytes - length);
                    if (room.Length == 0)
                    {
                        oversized = true;
                        room = buffer.AsMemory();
                    }

                    result = await _socket.ReceiveAsync(room[..Math.Min(room.Length, MaxFrameBytes)], cancellationToken);
                    if (!oversized)
                    {
                        length += result.Count;
                        oversized = !result.EndOfMessage && length == MaxFrameBytes;
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    }

                    return;
                }

                string? error = oversized
                    ? $"frame exceeds {MaxFrameBytes} bytes"
                    : result.MessageType != WebSocketMessageType.Text ? "binary frames are not accepted" : Handle(buffer.AsSpan(0, length));
                if (error is not null && !ReportBad(error))
                {
                    // The writer sends the error and closes with 1008; stop reading (but let the writer finish).
                    await _writerDone.Task.WaitAsync(cancellationToken);
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string? Handle(ReadOnlySpan<byte> frame)
    {
        var request = FeedProtocol.Parse(frame);
        if (request.Error is not null)
        {
            return request.Error;
        }

        if (request.Action == "ping")
        {
            Queue.Enqueue(new FeedMessage(FeedProtocol.Pong, false, _timeProvider.GetTimestamp()));
            return null;
        }

        byte[] reply;
        lock (_gate)
        {
            if (request.Action == "subscribe")
            {
                _symbols.UnionWith(request.Symbols);
                _channels |= request.Channels;
            }
            else
            {
                _symbols.ExceptWith(request.Symbols);
                if (request.Symbols.Count == 0 || request.Symbols.Contains("*"))
                {
                    _channels &= ~request.Channels;
                }
            }

            var channels = _symbols.Count == 0 ? FeedChannels.None : _channels;
            _subscription = new Subscription(channels, _symbols.Contains("*"), _symbols.Where(s => s != "*").ToFrozenSet(StringComparer.Ordinal));
            reply = FeedProtocol.Subscribed(_symbols, channels);
        }

        SubscriptionChanged?.Invoke();
        Queue.Enqueue(new FeedMessage(reply, false, _timeProvider.GetTimestamp()));
        return null;
    }

    /// <summary>Sends an error event; returns false when the client has sent too many bad messages and is being closed.</summary>
    private bool ReportBad(string error)
    {
        var now = _timeProvider.GetTimestamp();
        _badMessages.Enqueue(now);
        while (_badMessages.Count > 0 && _timeProvider.GetElapsedTime(_badMessages.Peek(), now) > TimeSpan.FromMinutes(1))
        {
            _badMessages.Dequeue();
        }

        if (_badMessages.Count > MaxBadMessagesPerMinute)
        {
            Queue.Enqueue(new FeedMessage(FeedProtocol.Error("too many bad messages; closing"), false, now)
            {
                CloseStatus = WebSocketCloseStatus.PolicyViolation,
            });
            return false;
        }

        Queue.Enqueue(new FeedMessage(FeedProtocol.Error(error), false, now));
        return true;
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (message, dropped) = await Queue.DequeueAsync(cancellationToken);
            if (dropped > 0)
            {
                _metrics.Dropped(dropped);
                await SendAsync(FeedProtocol.Dropped(dropped), cancellationToken);
            }

            if (message is null)
            {
                // Candles, signals or trades could not be queued: never lose them silently.
                await SendAsync(FeedProtocol.Error("the client is too slow: updates could not be delivered; closing"), cancellationToken);
                await _socket.CloseOutputAsync(TryAgainLater, "too slow", cancellationToken);
                return;
            }

            await SendAsync(message.Json, cancellationToken);
            if (message.IsTick)
            {
                _metrics.Delivered(_timeProvider.GetElapsedTime(message.EnqueuedAt));
            }

            if (message.CloseStatus is { } status)
            {
                await _socket.CloseOutputAsync(status, "too many bad messages", cancellationToken);
                return;
            }
        }
    }

    private ValueTask SendAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}

/// <summary>A client's subscriptions: the channels, every symbol (<c>"*"</c>) or the named ones.</summary>
/// <param name="Channels">The channels (none while no symbol is subscribed).</param>
/// <param name="AllSymbols">Whether <c>"*"</c> is subscribed.</param>
/// <param name="Symbols">The symbols subscribed by name.</param>
internal sealed record Subscription(FeedChannels Channels, bool AllSymbols, FrozenSet<string> Symbols)
{
    /// <summary>No subscription: a new client.</summary>
    public static readonly Subscription Nothing = new(FeedChannels.None, false, FrozenSet<string>.Empty);

    /// <summary>Whether messages of <paramref name="channel"/> for <paramref name="symbol"/> are wanted.</summary>
    public bool Wants(FeedChannels channel, string symbol) => (Channels & channel) != 0 && (AllSymbols || Symbols.Contains(symbol));
}
