using System.Diagnostics;
using QuantPulse.Dashboard.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Dashboard.Tests.Api;

/// <summary>
/// A tick file replayed through the host gives the same candles as <c>quantpulse candles</c> on that file. The one
/// difference: the command also writes each series' last bucket when the file ends, while the host's pipeline keeps a
/// bucket open until a later tick or its clock closes it, so the replay ends with that bucket still forming.
/// </summary>
public sealed class ReplayParityTests : IClassFixture<ReplayFixture>
{
    private readonly ReplayFixture _replay;

    public ReplayParityTests(ReplayFixture replay) => _replay = replay;

    [Theory]
    [InlineData("1m")]
    [InlineData("5m")]
    public async Task Export_ReplayedFile_EqualsTheCandlesCommandUpToTheLastBucket(string timeframe)
    {
        var output = Path.Combine(_replay.Factory.ScratchDirectory, $"cli-{timeframe}.csv");
        var (exit, error) = await RunCliAsync("candles", "--input", Path.Combine(_replay.Factory.ScratchDirectory, "ticks.csv"), "--timeframe", timeframe, "--output", output);
        Assert.True(exit == 0, error);
        var cli = (await File.ReadAllLinesAsync(output)).ToList();

        foreach (var symbol in new[] { "TST", "TST2" })
        {
            var api = (await _replay.Client.GetStringAsync(new Uri($"/api/export/{symbol}?timeframe={timeframe}", UriKind.Relative)))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var expected = cli.Skip(1).Where(line => line.StartsWith(symbol + ",", StringComparison.Ordinal)).ToList();
            Assert.Equal(cli[0], api[0]);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.SkipLast(1), api.Skip(1));
            var lastTick = _replay.Ticks.Last(t => t.Symbol == symbol).Time;
            var bucket = TimeSpan.FromMinutes(timeframe == "1m" ? 1 : 5).Ticks;
            var lastBucket = new DateTimeOffset(lastTick.UtcTicks - (lastTick.UtcTicks % bucket), TimeSpan.Zero);
            Assert.Equal(lastBucket.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), expected[^1].Split(',')[2]);
        }
    }

    private static async Task<(int Exit, string Error)> RunCliAsync(params string[] args)
    {
        // The CLI's own build folder (same configuration and framework as the tests).
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var cli = Path.Combine(ReferenceData.RepositoryRoot, "samples", "QuantPulse.Cli", "bin", framework.Parent!.Name, framework.Name, "quantpulse.dll");
        Assert.True(File.Exists(cli), $"{cli} is not built");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("quantpulse did not start");
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var error = process.StandardError.ReadToEndAsync(hang.Token);
        _ = await process.StandardOutput.ReadToEndAsync(hang.Token);
        await process.WaitForExitAsync(hang.Token);
        return (process.ExitCode, await error);
    }
}
