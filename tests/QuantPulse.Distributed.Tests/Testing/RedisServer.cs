using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>
/// A real <c>redis-server</c> for the tests, started on a free loopback port in a temporary folder (append-only
/// file on, so a restart keeps what was written), stopped by its process id and removed at the end.
/// </summary>
/// <remarks>Never skips: without <c>redis-server</c> (Debian package <c>redis-server</c>) every test using it fails with the reason.</remarks>
public sealed class RedisServer : IAsyncLifetime
{
    private string? _root;
    private Process? _process;

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectRetry=5";

    public async Task InitializeAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The scale-out tests need redis-server: apt-get install -y redis-server.");
        _root = Directory.CreateTempSubdirectory("quantpulse-redis-").FullName;
        Port = FreePort();
        await StartAsync(binary);
    }

    /// <summary>Connects a new client.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Configuration);

    /// <summary>Stops the server abruptly (SIGKILL) and starts it again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        var binary = _process!.StartInfo.FileName;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        await StartAsync(binary);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task StartAsync(string binary)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--dir", _root!, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, hang.Token);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(20, hang.Token);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
