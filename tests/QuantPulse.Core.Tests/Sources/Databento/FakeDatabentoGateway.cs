using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Databento;

/// <summary>
/// A local Databento live gateway speaking the raw protocol: greeting, <c>cram</c> challenge, <c>auth</c> checked against
/// the SHA-256 of <c>cram|key</c> and the key's last five characters, subscription and <c>start_session</c> lines, then
/// a DBN stream that each connection's script writes. Binds 127.0.0.1 only.
/// </summary>
internal sealed class FakeDatabentoGateway : IAsyncDisposable
{
    public const string ApiKey = "db-89s9vCvwDDKPdQJ5Pb30Fyj9mNUM6";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, string, Stream, CancellationToken, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private int _connections;

    /// <param name="script">Writes the DBN stream of connection n (0-based) given its subscription line; returning closes the connection.</param>
    public FakeDatabentoGateway(Func<int, string, Stream, CancellationToken, Task> script)
    {
        _script = script;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every auth line received, in order.</summary>
    public ConcurrentQueue<string> AuthLines { get; } = new();

    /// <summary>Every subscription line received, in order.</summary>
    public ConcurrentQueue<string> Subscriptions { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Resets the connection (RST), as a network failure would.</summary>
    public static void Reset(Stream stream) => ((NetworkStream)stream).Socket.Close(0);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _clients.Add(client);
            var index = Interlocked.Increment(ref _connections) - 1;
            _ = Task.Run(() => ServeAsync(client, index));
        }
    }

    private async Task ServeAsync(TcpClient client, int index)
    {
        try
        {
            var stream = client.GetStream();
            var cram = "challenge" + index;
            await WriteAsync(stream, "lsg_version=0.7.2\ncram=" + cram + "\n");
            var auth = await ReadLineAsync(stream);
            AuthLines.Enqueue(auth);
            var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cram + "|" + ApiKey))).ToLowerInvariant() + "-" + ApiKey[^5..];
            if (!auth.StartsWith("auth=" + expected + "|", StringComparison.Ordinal))
            {
                await WriteAsync(stream, "success=0|error=Authentication failed.\n");
                return;
            }

            await WriteAsync(stream, "success=1|session_id=" + (100 + index) + "\n");
            var subscription = await ReadLineAsync(stream);
            Subscriptions.Enqueue(subscription);
            if (await ReadLineAsync(stream) != "start_session")
            {
                return;
            }

            await _script(index, subscription, stream, _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }

    /// <summary>A stream's metadata (live sessions: schema mixed, no mappings) followed by <paramref name="records"/>.</summary>
    public static byte[] Stream(Action<DbnFileWriter> records)
    {
        var writer = new DbnFileWriter("mixed", 3) { Dataset = "XNAS.ITCH" };
        records(writer);
        return writer.ToArray();
    }
}
