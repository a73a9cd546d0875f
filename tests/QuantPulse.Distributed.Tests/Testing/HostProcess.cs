using System.Collections.Concurrent;
using System.Diagnostics;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>
/// A QuantPulse host (worker or dashboard) run as its own process with <c>dotnet {Host}.dll</c> from its build folder
/// (same configuration and framework as the tests), configured through environment variables.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail => $"--- {Name}\n" + string.Join('\n', _output.TakeLast(15));

    /// <summary>The build output of a host project under <c>src/QuantPulse.Hosts</c>.</summary>
    public static string DllOf(string project)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(ReferenceData.RepositoryRoot, "src", "QuantPulse.Hosts", project, "bin", framework.Parent!.Name, framework.Name, project + ".dll");
    }

    public static HostProcess Start(string name, string project, IReadOnlyDictionary<string, string> environment)
    {
        var dll = DllOf(project);
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var started = new HostProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        Assert.True(process.Start(), $"{name} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary><c>kill -9</c>: the process ends at once, whatever it was doing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(); // SIGKILL on Unix.
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
