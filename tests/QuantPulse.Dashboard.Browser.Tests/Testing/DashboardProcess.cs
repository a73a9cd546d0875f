using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Browser.Tests.Testing;

/// <summary>
/// The real dashboard host started from its build output on a free loopback port, with the simulated market only
/// (fast ticks, one-second candles) and its own SQLite file; stopped and cleaned up on dispose.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process _process;
    private readonly string _directory;

    private DashboardProcess(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    /// <summary>The host's base address.</summary>
    public Uri Address { get; }

    /// <summary>What the host wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host and waits until <c>/health</c> answers.</summary>
    public static async Task<DashboardProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var project = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/QuantPulse.Hosts/QuantPulse.Dashboard"));
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "QuantPulse.Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the dashboard host first.", dll);
        }

        var directory = Directory.CreateTempSubdirectory("qp-browser-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["QuantPulse__Sources__Deriv__Enabled"] = "false";
        start.Environment["QuantPulse__Sources__Binance__Enabled"] = "false";
        start.Environment["QuantPulse__Sources__Simulated__TickInterval"] = "00:00:00.020";
        // The market starts now, without a day of generated history: what the tests see is what their ticks made.
        start.Environment["QuantPulse__Sources__Simulated__History"] = "00:00:00";
        start.Environment["QuantPulse__Candles__Timeframes__0"] = "1s";
        start.Environment["QuantPulse__Candles__Timeframes__1"] = "1m";
        start.Environment["QuantPulse__Candles__Timeframes__2"] = "5m";
        start.Environment["QuantPulse__Storage__Path"] = Path.Combine(directory, "quantpulse.db");
        start.Environment["QuantPulse__Pipeline__LogCandles"] = "false";
        start.Environment["QuantPulse__Simulator__MaxOpenTradesPerAsset"] = "50";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var host = new DashboardProcess(new Process { StartInfo = start }, directory, address);
        try
        {
            await host.LaunchAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// Stops the host process abruptly (as a crash or a redeploy would) and returns once it has gone; every circuit
    /// and open connection goes with it. <see cref="StartAgainAsync"/> brings it back on the same address and data.
    /// </summary>
    public async Task StopAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the host again after <see cref="StopAsync"/>, on the same address and database.</summary>
    public Task StartAgainAsync()
    {
        var start = _process.StartInfo;
        _process.Dispose();
        _process = new Process { StartInfo = start };
        return LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var process = _process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A loaded machine can take minutes to start the host: the bound only turns a hang into a failure.
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.TrueAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The dashboard exited with {process.ExitCode}:\n{Output}");
                }

                try
                {
                    return (await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false; // the request timed out while the host was still starting
                }
            },
            "the dashboard answers /health",
            TimeSpan.FromMinutes(5),
            TimeSpan.FromMilliseconds(100),
            () => Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
