using System.Net.WebSockets;
using System.Text;

namespace QuantPulse.Tests.Testing;

/// <summary>The server side of one fake-venue WebSocket: serialised sends that tolerate a client going away.</summary>
public sealed class FakeSocket(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public WebSocket Socket { get; } = socket;

    public CancellationTokenSource Stop { get; } = new();

    /// <summary>Whether the venue closed or reset this connection (as opposed to the client).</summary>
    public bool DroppedByServer { get; private set; }

    public void Abort()
    {
        DroppedByServer = true;
        Socket.Abort();
    }

    public async Task CloseAsync()
    {
        DroppedByServer = true;
        try
        {
            await Socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "going away", CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
        }
    }

    /// <summary>Sends unless the connection is gone (a client leaving mid-step is part of the scripts).</summary>
    public async Task SendAsync(string text, bool binary = false)
    {
        try
        {
            await _send.WaitAsync(Stop.Token);
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(text), binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, Stop.Token);
            }
            finally
            {
                _send.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _send.Dispose();
        Stop.Dispose();
    }
}
