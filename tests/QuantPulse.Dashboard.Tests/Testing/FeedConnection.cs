using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace QuantPulse.Dashboard.Tests.Testing;

/// <summary>A real <see cref="ClientWebSocket"/> on the dashboard's <c>/ws/updates</c>, served by Kestrel on 127.0.0.1.</summary>
public sealed class FeedConnection : IAsyncDisposable
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(60);
    private readonly byte[] _buffer = new byte[1 << 16];

    private FeedConnection(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>Starts the factory on Kestrel (loopback, a free port) and returns its base address.</summary>
    public static Uri StartKestrel(DashboardFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    public static async Task<FeedConnection> ConnectAsync(Uri baseAddress, string query = "")
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws/updates", Query = query }.Uri;
        using var hang = new CancellationTokenSource(HangTimeout);
        await socket.ConnectAsync(uri, hang.Token);
        return new FeedConnection(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] utf8)
    {
        using var hang = new CancellationTokenSource(HangTimeout);
        await Socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, hang.Token);
    }

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var hang = new CancellationTokenSource(HangTimeout);
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(_buffer.AsMemory(length), hang.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        using var document = JsonDocument.Parse(_buffer.AsMemory(0, length));
        return document.RootElement.Clone();
    }

    /// <summary>Skips messages until one of <paramref name="type"/> arrives.</summary>
    public async Task<JsonElement> ReceiveTypeAsync(string type)
    {
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new InvalidOperationException($"The server closed the connection before a '{type}' message.");
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var hang = new CancellationTokenSource(HangTimeout);
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, hang.Token);
            }
            catch (WebSocketException)
            {
                // The server already went away.
            }
        }

        Socket.Dispose();
    }
}
