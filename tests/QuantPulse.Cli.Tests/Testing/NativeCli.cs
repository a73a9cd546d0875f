using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>
/// The <c>quantpulse</c> executable as it ships: published once per test run as Native AOT for this machine
/// (<c>dotnet publish -c Release --use-current-runtime</c>, docs/cli.md) into a folder deleted afterwards.
/// </summary>
/// <remarks>
/// A publish that fails (no C compiler or linker, a trimming or AOT warning, which the build treats as an error) fails
/// every test of the class with the publish's own error lines, before any command is run.
/// </remarks>
public sealed class NativeCli : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quantpulse-native-" + Guid.NewGuid().ToString("N"));

    /// <summary>The published native executable.</summary>
    public string Executable => Path.Combine(_folder, OperatingSystem.IsWindows() ? "quantpulse.exe" : "quantpulse");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(ReferenceData.RepositoryRoot, "samples", "QuantPulse.Cli", "QuantPulse.Cli.csproj");
        var start = new ProcessStartInfo(CliProcess.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["publish", project, "-c", "Release", "--use-current-runtime", "-o", _folder, "-nodeReuse:false", "-p:UseSharedCompilation=false"])
        {
            start.ArgumentList.Add(arg);
        }

        // The shipped x64 build targets x86-64-v3 (AVX2); on a CPU without AVX2 it would not start, so the commands
        // are checked on the x86-64-v2 build docs/cli.md gives for such CPUs.
        if (RuntimeInformation.OSArchitecture == Architecture.X64 && !Avx2.IsSupported)
        {
            start.ArgumentList.Add("-p:IlcInstructionSet=x86-64-v2");
        }

        // The test host's own MSBuild settings would point the nested build at the test run's SDK resolver state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var output = publish.StandardOutput.ReadToEndAsync();
        var error = publish.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        await publish.WaitForExitAsync(hang.Token);
        var log = await output + await error;
        if (publish.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"the Native AOT publish of quantpulse failed (dotnet publish exit code {publish.ExitCode}):\n{Problems(log)}");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs the native executable to its end with <paramref name="environment"/> added to its own.</summary>
    public async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(Eventually.HangTimeout);
        await process.WaitForExitAsync(hang.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the native executable to its end.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    // The lines that say what went wrong (errors first), not the whole build log.
    private static string Problems(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(20).ToList();
        return string.Join('\n', errors.Count > 0 ? errors : lines.TakeLast(20));
    }
}
