using System.Diagnostics;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Sources.Deriv;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

/// <summary>The real <c>quantpulse</c> process, stopped by a signal while it records: it must flush and exit 0.</summary>
public sealed class RecordProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs <paramref name="stop"/> on a recording whose 20 ticks are all on disk; returns its standard error.</summary>
    private async Task<(int ExitCode, string Error, string Output)> RecordThenAsync(Func<Process, Task> stop)
    {
        var clock = new ManualTimeProvider();
        var market = FakeDerivServer.Market(clock, 20, "R_100");
        await using var server = await FakeDerivServer.StartAsync(market, 0, clock, requireHistory: false);
        var output = _temp.File("ticks.csv");
        using var process = CliProcess.Start("record", "--source", "deriv", "--symbols", "R_100", "--endpoint", server.Endpoint.ToString(), "--output", output);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();

            // Every tick is on disk while the process still runs: the recorder flushes whenever the feed is idle.
            await Eventually.TrueAsync(() => process.HasExited || TestFiles.LinesOnDisk(output) == 21, "the 20 ticks are on disk");
            Assert.False(process.HasExited, "quantpulse exited before the signal");
            await stop(process);

            var error = await CliProcess.ExitAsync(process, stderr);
            return (process.ExitCode, error, output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [UnixTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Record_Signal_StopsCleanlyFlushesAndExits0(string signal)
    {
        var (exitCode, error, output) = await RecordThenAsync(process => CliProcess.SignalAsync(process, signal));

        Assert.True(exitCode == 0, $"exit code {exitCode}: {error}");
        Assert.Matches(@"^record: wrote 20 ticks of 1 symbol from deriv to .+ \(interrupted\); 0 reconnects, 0 rejected messages\n$", error);
        Assert.Equal(21, (await File.ReadAllLinesAsync(output)).Length);
    }

    [UnixFact]
    public async Task Record_InterruptedTwice_KeepsTheRecording()
    {
        var (exitCode, error, output) = await RecordThenAsync(CliProcess.InterruptTwiceAsync);

        // Stopped cleanly by the first interrupt, or at once by the second: either way the 20 ticks stay.
        Assert.True(exitCode is 0 or 130, $"exit code {exitCode}: {error}");
        Assert.Equal(21, (await File.ReadAllLinesAsync(output)).Length);
    }
}

/// <summary>A theory that needs POSIX signals; reported as skipped on Windows.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "POSIX signals do not exist on Windows.";
        }
    }
}
