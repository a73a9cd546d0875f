using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace QuantPulse.Sources.Live;

/// <summary>
/// One client WebSocket with a pooled, growing receive buffer: whole messages are read into the buffer and parsed
/// in place, so receiving allocates nothing per message. Sends are serialised.
/// </summary>
internal sealed class WebSocketConnection : IAsyncDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly int _maxMessageBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private long _lastReceivedUtcTicks;
    private int _disposed;

    private WebSocketConnection(ClientWebSocket socket, TimeProvider timeProvider, int maxMessageBytes)
    {
        _socket = socket;
        _time = timeProvider;
        _maxMessageBytes = maxMessageBytes;
        _lastReceivedUtcTicks = timeProvider.GetUtcNow().UtcTicks;
        OpenedAt = timeProvider.GetUtcNow();
    }

    /// <summary>When the connection was established.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>When the last frame (of any kind) arrived, or the connection opened.</summary>
    public DateTimeOffset LastReceived => new(Volatile.Read(ref _lastReceivedUtcTicks), TimeSpan.Zero);

    /// <summary>The bytes of the last message returned by <see cref="ReceiveAsync"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Message(int length) => _buffer.AsSpan(0, length);

    /// <summary>Opens a connection; fails with <see cref="WebSocketException"/> or <see cref="OperationCanceledException"/>.</summary>
    public static async Task<WebSocketConnection> ConnectAsync(
        Uri uri, TimeSpan connectTimeout, TimeSpan keepAliveInterval, int maxMessageBytes, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ClientWebSocket? socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = keepAliveInterval;
            using var timeout = new CancellationTokenSource(connectTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await socket.ConnectAsync(uri, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No WebSocket handshake from {uri.GetLeftPart(UriPartial.Path)} within {connectTimeout.TotalSeconds:0.#} s.");
            }

            var connection = new WebSocketConnection(socket, timeProvider, maxMessageBytes);
            socket = null;
            return connection;
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>
    /// Reads the next whole message into the buffer. Returns its length, or -1 when the peer closed the connection.
    /// Messages longer than the limit are drained and reported with <see cref="ReceivedMessage.Oversized"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        var oversized = false;
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (_buffer.Length >= _maxMessageBytes)
                {
                    // Too large to keep: drop what we have and drain the rest of the message.
                    oversized = true;
                    length = 0;
                }
                else
                {
                    Grow();
                }
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastReceivedUtcTicks, _time.GetUtcNow().UtcTicks);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new ReceivedMessage(-1, false, false);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return new ReceivedMessage(oversized ? 0 : length, result.MessageType == WebSocketMessageType.Binary, oversized);
            }
        }
    }

    /// <summary>Sends one UTF-8 text message; concurrent calls are queued.</summary>
    public async Task SendTextAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Tears the connection down at once; a pending <see cref="ReceiveAsync"/> fails.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>Closes politely, waiting at most <paramref name="timeout"/> for the peer, then aborts.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var cts = new CancellationTokenSource(timeout, _time);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The peer is gone already; aborting below is all that is left to do.
            }
        }

        _socket.Abort();
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
            _sendGate.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        return ValueTask.CompletedTask;
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxMessageBytes));
        _buffer.AsSpan().CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
