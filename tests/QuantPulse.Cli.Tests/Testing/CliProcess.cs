using System.Diagnostics;
using System.Globalization;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>The real <c>quantpulse</c> process, for what only a process shows: signals, pipes, exit statuses.</summary>
public static class CliProcess
{
    /// <summary>
    /// Starts <c>quantpulse</c> from its own build folder (same configuration and framework as the tests; the copy
    /// next to the tests would resolve its packages against the tests' ASP.NET Core framework) with the dotnet host
    /// that runs the tests, standard output and error redirected.
    /// </summary>
    public static Process Start(params string[] args) => StartTool(Host, [Cli, .. args]);

    /// <summary>The dotnet host that runs the tests.</summary>
    public static string Host => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The built <c>quantpulse.dll</c>.</summary>
    public static string Cli
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var cli = Path.Combine(ReferenceData.RepositoryRoot, "samples", "QuantPulse.Cli", "bin", framework.Parent!.Name, framework.Name, "quantpulse.dll");
            Assert.True(File.Exists(cli), $"{cli} is not built");
            return cli;
        }
    }

    /// <summary>Starts <paramref name="tool"/> with standard output and error redirected.</summary>
    public static Process StartTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM) to <paramref name="process"/>, unless it has already exited.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0 || process.HasExited, $"kill -{signal} failed");
    }

    /// <summary>
    /// Interrupts <paramref name="process"/> twice, as a user pressing Ctrl+C twice does, and waits for it to exit. Two
    /// signals sent close together may arrive as one (POSIX does not queue them), so a process still running after a
    /// while gets another: what is tested is how it ends after more than one.
    /// </summary>
    public static async Task InterruptTwiceAsync(Process process)
    {
        await SignalAsync(process, "INT");
        await SignalAsync(process, "INT");
        using var hang = new CancellationTokenSource(Eventually.HangTimeout);
        while (!process.HasExited)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(hang.Token);
            wait.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!hang.IsCancellationRequested)
            {
                await SignalAsync(process, "INT");
            }
        }
    }

    /// <summary>Runs a system tool (kill, mkfifo) to its end and checks that it succeeded.</summary>
    public static async Task RunAsync(string tool, params string[] args)
    {
        using var process = Process.Start(tool, args);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Waits for the process to exit (a hang fails the test) and returns what it wrote on standard error.</summary>
    public static async Task<string> ExitAsync(Process process, Task<string> stderr)
    {
        using var timeout = new CancellationTokenSource(Eventually.HangTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return await stderr;
    }
}
