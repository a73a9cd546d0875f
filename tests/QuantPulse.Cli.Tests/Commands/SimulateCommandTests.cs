using System.Globalization;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Simulated;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Simulate_TwoSymbols_WritesInterleavedReplayFile()
    {
        var path = _temp.File("ticks.csv");

        var result = await CliRunner.RunAsync("simulate", "--symbols", "A,B", "--seed", "42", "--ticks", "1000", "--output", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal($"simulate: wrote 2000 simulated ticks (2 symbols x 1000, seed 42) to {path}\n", result.Out);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2001, lines.Length);
        Assert.Equal("time,symbol,price,size", lines[0]);
        Assert.Equal("2024-01-02T00:00:00Z,A,1000.00,0", lines[1]);
        Assert.Equal("2024-01-02T00:00:00Z,B,1000.00,0", lines[2]);
        var start = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            Assert.Equal(start.AddSeconds((i - 1) / 2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(i % 2 == 1 ? "A" : "B", fields[1]);
            Assert.Equal(2, decimal.Parse(fields[2], CultureInfo.InvariantCulture).Scale);
            Assert.Equal("0", fields[3]);
        }
    }

    [Fact]
    public async Task Simulate_SameArguments_ByteIdenticalFiles()
    {
        string[] Args(string output, string seed) =>
            ["simulate", "--symbols", "SIM_X,SIM_Y", "--seed", seed, "--ticks", "5000", "--interval", "500ms", "--output", output];

        Assert.Equal(0, (await CliRunner.RunAsync(Args(_temp.File("a.csv"), "7"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Args(_temp.File("b.csv"), "7"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(Args(_temp.File("c.csv"), "8"))).ExitCode);

        Assert.Equal(await File.ReadAllBytesAsync(_temp.File("a.csv")), await File.ReadAllBytesAsync(_temp.File("b.csv")));
        Assert.NotEqual(await File.ReadAllBytesAsync(_temp.File("a.csv")), await File.ReadAllBytesAsync(_temp.File("c.csv")));
    }

    [Fact]
    public async Task Simulate_Output_EqualsTheLibrarySimulationReadBack()
    {
        var path = _temp.File("lib.csv");
        var result = await CliRunner.RunAsync(
            "simulate", "--symbols", "S1", "--symbols", "S2,S3", "--seed", "-5", "--ticks", "300", "--interval", "2s",
            "--start", "2025-04-26T13:52:10+02:00", "--volatility", "25", "--start-price", "1484.97", "--decimals", "3", "--output", path);
        Assert.Equal(0, result.ExitCode);

        var expected = await new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = ["S1", "S2", "S3"], Seed = -5, TicksPerSymbol = 300, TickInterval = TimeSpan.FromSeconds(2),
            StartTime = new DateTimeOffset(2025, 4, 26, 11, 52, 10, TimeSpan.Zero), Volatility = 0.25, StartPrice = 1484.97m,
            Decimals = 3, Pacing = TickPacing.AsFastAsPossible,
        }).ReadAsync().ToListAsync();
        var written = await new CsvTickSource(path, new CsvSourceOptions { Source = TickSources.Simulated }).ReadAsync().ToListAsync();

        Assert.Equal(900, written.Count);
        Assert.Equal(expected, written);
        Assert.Equal("1484.970", written[0].Price.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("500ms", "2024-01-02T00:00:00.500Z")]
    [InlineData("1s", "2024-01-02T00:00:01Z")]
    [InlineData("2s", "2024-01-02T00:00:02Z")]
    [InlineData("1m", "2024-01-02T00:01:00Z")]
    [InlineData("1h", "2024-01-02T01:00:00Z")]
    public async Task Simulate_Interval_SpacesTicks(string interval, string secondTime)
    {
        var path = _temp.File("i.csv");

        var result = await CliRunner.RunAsync("simulate", "--ticks", "2", "--interval", interval, "--output", path);

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.StartsWith("2024-01-02T00:00:00Z,SIM_V100,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(secondTime + ",SIM_V100,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_OutputDash_WritesDataToStdoutAndSummaryToStderr()
    {
        var result = await CliRunner.RunAsync("simulate", "--ticks", "3", "--output", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("time,symbol,price,size\n2024-01-02T00:00:00Z,SIM_V100,1000.00,0\n", result.Out, StringComparison.Ordinal);
        Assert.Equal("simulate: wrote 3 simulated ticks (1 symbol x 3, seed 1) to standard output\n", result.Error);
    }

    [Fact]
    public async Task Simulate_ExistingOutput_IsReplaced()
    {
        var path = _temp.File("old.csv");
        await File.WriteAllTextAsync(path, new string('x', 10_000));

        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--ticks", "1", "--output", path)).ExitCode);

        Assert.Equal("time,symbol,price,size\n2024-01-02T00:00:00Z,SIM_V100,1000.00,0\n", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("unknown option '--sed'", "--ticks", "5", "--sed", "1")]
    [InlineData("missing required option --ticks N")]
    [InlineData("missing required option --output PATH", "--ticks", "5")]
    [InlineData("--seed: 'abc' is not a whole number", "--ticks", "5", "--seed", "abc")]
    [InlineData("--ticks: 0 is below the minimum 1", "--ticks", "0")]
    [InlineData("--ticks: '1e3' is not a whole number", "--ticks", "1e3")]
    [InlineData("--ticks: 99999999999999999999 is too large (at most 9223372036854775807)", "--ticks", "99999999999999999999")]
    [InlineData("--seed: -99999999999999999999 is too small (at least -9223372036854775808)", "--ticks", "5", "--seed", "-99999999999999999999")]
    [InlineData("--decimals: 99999999999999999999 is outside 0..10", "--ticks", "5", "--decimals", "99999999999999999999")]
    [InlineData("--interval: '1.5s' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)", "--ticks", "5", "--interval", "1.5s")]
    [InlineData("--interval: '0s' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)", "--ticks", "5", "--interval", "0s")]
    [InlineData("--interval: '99999999999999999999s' is too long (at most 461168601842s)", "--ticks", "5", "--interval", "99999999999999999999s")]
    [InlineData("--interval: '5' is not a duration (use a positive whole number with ms, s, m or h, e.g. 500ms, 1s, 1m)", "--ticks", "5", "--interval", "5")]
    [InlineData("--start: 'yesterday' is not an ISO-8601 time (e.g. 2024-01-02T00:00:00Z)", "--ticks", "5", "--start", "yesterday")]
    [InlineData("--start: '01/02/2024' is not an ISO-8601 time (e.g. 2024-01-02T00:00:00Z)", "--ticks", "5", "--start", "01/02/2024")]
    [InlineData("--start: 1969-12-31 is not after 1970-01-01T00:00:00Z", "--ticks", "5", "--start", "1969-12-31")]
    [InlineData("--ticks: 10000000 ticks 1.00:00:00 apart from 9990-01-01 run past the year 9999", "--ticks", "10000000", "--interval", "24h", "--start", "9990-01-01")]
    [InlineData("option --seed is given more than once", "--ticks", "5", "--seed", "1", "--seed", "2")]
    [InlineData("option --seed needs a value (N)", "--ticks", "5", "--seed")]
    [InlineData("option --seed needs a value (N)", "--seed", "--ticks", "5")]
    [InlineData("--symbols: 'A' is listed twice", "--ticks", "5", "--symbols", "A,B", "--symbols", "A")]
    [InlineData("--symbols: 'A,,B' has an empty item", "--ticks", "5", "--symbols", "A,,B")]
    [InlineData("--symbols: 'A\"B' contains a quote or a control character", "--ticks", "5", "--symbols", "A\"B")]
    [InlineData("--decimals: 11 is outside 0..10", "--ticks", "5", "--decimals", "11")]
    [InlineData("--volatility: 0 is outside (0, 1000]", "--ticks", "5", "--volatility", "0")]
    [InlineData("--volatility: 'high' is not a number", "--ticks", "5", "--volatility", "high")]
    [InlineData("--start-price: -1 is not positive", "--ticks", "5", "--start-price", "-1")]
    [InlineData("unexpected argument 'ticks.csv'", "--ticks", "5", "ticks.csv")]
    public async Task Simulate_BadArguments_OneLineErrorExit2AndNoFile(string expected, params string[] args)
    {
        var path = _temp.File("never.csv");
        var needsOutput = !expected.StartsWith("missing required option --output", StringComparison.Ordinal);

        var result = await CliRunner.RunAsync(["simulate", .. args, .. needsOutput ? new[] { "--output", path } : []]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"quantpulse simulate: {expected} (see 'quantpulse simulate --help')", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Out);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Simulate_UnwritableOutput_OneLineErrorExit1()
    {
        var path = Path.Combine(_temp.Path, "missing-folder", "ticks.csv");

        var result = await CliRunner.RunAsync("simulate", "--ticks", "5", "--output", path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"quantpulse simulate: cannot write '{path}': ", line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Simulate_OutputIsAFolder_SaysSoExit1()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "adir")).FullName;

        var result = await CliRunner.RunAsync("simulate", "--ticks", "5", "--output", folder);

        CliAssert.OneLineError(result, 1, $"quantpulse simulate: cannot write '{folder}': it is a folder");
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [UnixFact]
    public async Task Simulate_OutputRefusesWrites_CannotWritePrefixExit1()
    {
        var result = await CliRunner.RunAsync("simulate", "--ticks", "5", "--output", "/proc/version");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("quantpulse simulate: cannot write '/proc/version': ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Simulate_Cancelled_Exit130AndNoPartialFile()
    {
        var path = _temp.File("cancelled.csv");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var result = await CliRunner.RunAsync(cts.Token, "simulate", "--ticks", "1000000", "--output", path);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(["quantpulse simulate: cancelled"], result.ErrorLines);
        Assert.False(File.Exists(path));
    }
}
