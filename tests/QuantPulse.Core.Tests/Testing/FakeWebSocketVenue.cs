using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// What the in-process venues that push a <see cref="ScriptedMarket"/> over WebSocket share: the loopback server, the
/// subscribed connections, the pump that moves the market one step at a time while a client listens (acting out a
/// disruption on every connection instead of a step), and each connection's receive loop.
/// </summary>
internal abstract class FakeWebSocketVenue : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<FakeSocket> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private LoopbackServer? _server;
    private Task _pump = Task.CompletedTask;

    protected FakeWebSocketVenue(ScriptedMarket script)
    {
        Script = script;
    }

    /// <summary>The market the venue plays.</summary>
    protected ScriptedMarket Script { get; }

    /// <summary>The loopback server, once started.</summary>
    protected LoopbackServer Server => _server ?? throw new InvalidOperationException("The venue has not started.");

    public void Add(Disruption disruption) => Script.Add(disruption);

    public void StopAt(int step) => Script.StopAt(step);

    public void ReportYielded(int count) => Script.ReportYielded(count);

    /// <summary>Resets every subscribed connection now; the market does not move.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                connection.Abort();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        DropAll();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _stop.Dispose();
    }

    /// <summary>Starts the server with the venue's routes, then the pump.</summary>
    protected async Task ListenAsync(Action<WebApplication> map)
    {
        _server = await LoopbackServer.StartAsync(map);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The messages of one market step, sent to every subscribed connection in order.</summary>
    protected abstract IEnumerable<string> MessagesAt(int step);

    /// <summary>Adds a connection to those the pump sends to, and wakes the pump.</summary>
    protected void Subscribe(FakeSocket connection)
    {
        lock (_gate)
        {
            _connections.Add(connection);
        }

        Script.Pulse();
    }

    /// <summary>
    /// Reads the client's messages until it closes or the connection breaks, handing each text to
    /// <paramref name="received"/>; <paramref name="clientClosed"/> runs when the client, not the server, ended it.
    /// The connection is unsubscribed and released at the end.
    /// </summary>
    protected async Task ReceiveUntilClosedAsync(FakeSocket connection, int bufferSize, Func<string, Task>? received = null, Action? clientClosed = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var socket = connection.Socket;
        var buffer = new byte[bufferSize];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (!connection.DroppedByServer)
                    {
                        clientClosed?.Invoke();
                    }

                    break;
                }

                if (received is not null)
                {
                    await received(Encoding.UTF8.GetString(buffer, 0, result.Count));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            if (!connection.DroppedByServer)
            {
                clientClosed?.Invoke();
            }
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            socket.Abort();
            connection.Dispose();
        }
    }

    private async Task PumpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var changed = Script.WaitAsync(_stop.Token);
            FakeSocket[] connections;
            lock (_gate)
            {
                connections = [.. _connections.Where(c => !c.DroppedByServer)];
            }

            var (step, disruption) = Script.Next(clientsPresent: connections.Length > 0);
            foreach (var connection in connections)
            {
                switch (disruption?.Kind)
                {
                    case DisruptionKind.Close:
                        await connection.CloseAsync();
                        break;
                    case DisruptionKind.Abort:
                        connection.Abort();
                        break;
                    case DisruptionKind.Garbage:
                        foreach (var (text, binary) in disruption.Messages!)
                        {
                            await connection.SendAsync(text, binary);
                        }

                        break;
                    default:
                        break;
                }
            }

            if (disruption is not null)
            {
                continue;
            }

            if (step < 0)
            {
                await changed;
                continue;
            }

            foreach (var message in MessagesAt(step))
            {
                foreach (var connection in connections)
                {
                    await connection.SendAsync(message);
                }
            }

            Script.Advance();
        }
    }
}
