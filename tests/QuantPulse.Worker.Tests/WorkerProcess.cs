using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Worker.Tests;

/// <summary>
/// The real worker, started with <c>dotnet QuantPulse.Worker.dll</c> from its build folder (same configuration and
/// framework as the tests) in a working directory of the test's choosing, with its output collected line by line.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Every line written to standard output and standard error so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public static string DllPath
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(ReferenceData.RepositoryRoot, "src", "QuantPulse.Hosts", "QuantPulse.Worker", "bin", framework.Parent!.Name, framework.Name, "QuantPulse.Worker.dll");
        }
    }

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(DllPath), $"{DllPath} is not built");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // No metrics endpoint unless a test asks for one: workers of parallel tests would share the default port.
        start.Environment["Metrics__Port"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        var open = 2;
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                worker._lines.Enqueue(line);
            }
            else if (Interlocked.Decrement(ref open) == 0)
            {
                worker._outputClosed.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        Assert.True(process.Start(), "the worker did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until a line satisfies <paramref name="condition"/>; fails if the process ends first.</summary>
    public Task WaitForLineAsync(Func<string, bool> condition, string what) =>
        Eventually.TrueAsync(
            () =>
            {
                var seen = _lines.Any(condition);
                Assert.False(!seen && _process.HasExited && _outputClosed.Task.IsCompleted, $"the worker exited before {what}:\n{string.Join('\n', _lines)}");
                return Task.FromResult(seen);
            },
            what,
            Timeout,
            state: () => string.Join('\n', _lines));

    /// <summary>Sends a POSIX signal, as Ctrl+C (INT) or a supervisor (TERM) would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the exit and every output line; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        await _outputClosed.Task.WaitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
