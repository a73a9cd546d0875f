using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Commands;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class CandlesCommandTests : IDisposable
{
    private const string Header = "symbol,timeframe,open_time,open,high,low,close,volume,ticks";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Candles_TwoTimeframesThreeSymbols_ExactRowsInContractOrder()
    {
        var input = await _temp.WriteLinesAsync(
            "ticks.csv",
            "time,symbol,price,size",
            "2024-01-02T03:04:05Z,b,10.50,1.5",
            "2024-01-02T03:04:30Z,A,1480.50,2",
            "2024-01-02T03:04:59.999Z,b,10.25,0.25",
            "2024-01-02T03:05:00Z,b,11,1",
            "2024-01-02T03:05:10Z,A,1481.5,0",
            "2024-01-02T03:06:00Z,B,7.0,0",
            "2024-01-02T03:09:59Z,A,1479.19,3.000");
        var output = _temp.File("candles.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "5m", "--timeframe", "1m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal($"candles: wrote 11 candles (1m, 5m; 3 symbols) from 7 ticks to {output}\n", result.Out);
        Assert.Equal(
            string.Join('\n',
                Header,
                "A,1m,2024-01-02T03:04:00Z,1480.50,1480.50,1480.50,1480.50,2,1",
                "A,1m,2024-01-02T03:05:00Z,1481.5,1481.5,1481.5,1481.5,0,1",
                "A,1m,2024-01-02T03:09:00Z,1479.19,1479.19,1479.19,1479.19,3.000,1",
                "B,1m,2024-01-02T03:06:00Z,7.0,7.0,7.0,7.0,0,1",
                "b,1m,2024-01-02T03:04:00Z,10.50,10.50,10.25,10.25,1.75,2",
                "b,1m,2024-01-02T03:05:00Z,11,11,11,11,1,1",
                "A,5m,2024-01-02T03:00:00Z,1480.50,1480.50,1480.50,1480.50,2,1",
                "A,5m,2024-01-02T03:05:00Z,1481.5,1481.5,1479.19,1479.19,3.000,2",
                "B,5m,2024-01-02T03:05:00Z,7.0,7.0,7.0,7.0,0,1",
                "b,5m,2024-01-02T03:00:00Z,10.50,10.50,10.25,10.25,1.75,2",
                "b,5m,2024-01-02T03:05:00Z,11,11,11,11,1,1") + "\n",
            await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Candles_SimulatedMarket_EqualsGroupByForEveryTimeframeIncludingLastPartialBuckets()
    {
        var ticks = _temp.File("sim.csv");
        var output = _temp.File("candles.csv");
        Assert.Equal(0, (await CliRunner.RunAsync(
            "simulate", "--symbols", "SIM_B,SIM_A,sim_c", "--seed", "11", "--ticks", "5000", "--interval", "1s",
            "--start", "2024-01-02T00:00:30Z", "--output", ticks)).ExitCode);

        var result = await CliRunner.RunAsync(
            "candles", "--input", ticks, "--timeframe", "1h,1s", "--timeframe", "5m", "--timeframe", "1m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(TickGroupBy.Rows(TickGroupBy.Read(ticks), "1s", "1m", "5m", "1h"), lines[1..]);

        // 5000 s from 00:00:30 end at 01:23:49: the last minute, five minutes and hour are partial and present.
        Assert.Contains("SIM_A,1m,2024-01-02T01:23:00Z,", lines.Single(l => l.StartsWith("SIM_A,1m,", StringComparison.Ordinal) && l.EndsWith(",50", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("SIM_B,5m,2024-01-02T01:20:00Z,", lines.Single(l => l.StartsWith("SIM_B,5m,", StringComparison.Ordinal) && l.EndsWith(",230", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("sim_c,1h,2024-01-02T01:00:00Z,", lines[^1], StringComparison.Ordinal);
        Assert.EndsWith(",1430", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Candles_MoreRowsThanTheMemoryBudget_SpilledRowsStillEqualGroupBy()
    {
        var ticks = _temp.File("sim.csv");
        var output = _temp.File("candles.csv");
        Assert.Equal(0, (await CliRunner.RunAsync(
            "simulate", "--symbols", "SIM_B,SIM_A", "--seed", "4", "--ticks", "3000", "--interval", "500ms", "--output", ticks)).ExitCode);
        var command = new CandlesCommand(memoryBudget: 300);
        var console = new CliConsole(new StringWriter(), new StringWriter());

        var exitCode = await command.RunAsync(
            ArgumentParser.Parse(["--input", ticks, "--timeframe", "1s,5m", "--timeframe", "1m", "--output", output], command.Options),
            console,
            CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal($"candles: wrote 3060 candles (1s, 1m, 5m; 2 symbols) from 6000 ticks to {output}\n", console.Out.ToString());
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(TickGroupBy.Rows(TickGroupBy.Read(ticks), "1s", "1m", "5m"), lines[1..]);
    }

    [Fact]
    public async Task Candles_FileGroupedBySymbol_SameCandlesAsInTimeOrder()
    {
        var interleaved = _temp.File("interleaved.csv");
        Assert.Equal(0, (await CliRunner.RunAsync(
            "simulate", "--symbols", "X,Y", "--ticks", "900", "--interval", "2s", "--output", interleaved)).ExitCode);
        var lines = await File.ReadAllLinesAsync(interleaved);
        var grouped = await _temp.WriteLinesAsync("grouped.csv", [lines[0], .. lines[1..].OrderBy(l => l.Split(',')[1], StringComparer.Ordinal)]);

        var a = await CliRunner.RunAsync("candles", "--input", interleaved, "--timeframe", "1m", "--timeframe", "15m", "--output", _temp.File("a.csv"));
        var b = await CliRunner.RunAsync("candles", "--input", grouped, "--timeframe", "1m", "--timeframe", "15m", "--output", _temp.File("b.csv"));

        Assert.Equal((0, 0), (a.ExitCode, b.ExitCode));
        Assert.Empty(b.Error);
        Assert.Equal(await File.ReadAllTextAsync(_temp.File("a.csv")), await File.ReadAllTextAsync(_temp.File("b.csv")));
        Assert.Equal(TickGroupBy.Rows(TickGroupBy.Read(grouped), "1m", "15m"), (await File.ReadAllLinesAsync(_temp.File("b.csv")))[1..]);
    }

    [Fact]
    public async Task Candles_MalformedRows_SkippedAndCountedOnOneStderrLineExit0()
    {
        var input = await _temp.WriteLinesAsync(
            "ticks.csv",
            "time,symbol,price",
            "2024-01-02T00:00:00Z,X,100",
            "2024-01-02T00:00:01Z,X,abc",
            "2024-01-02T00:00:02Z,X,-1",
            "not-a-time,X,101",
            "2024-01-02T00:00:03Z,X,102");
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["quantpulse candles: skipped 3 malformed rows (first: line 3: price 'abc' is not a number)"],
            result.ErrorLines);
        Assert.Equal($"candles: wrote 1 candle (1m; 1 symbol) from 2 ticks to {output}\n", result.Out);
        Assert.Equal([Header, "X,1m,2024-01-02T00:00:00Z,100,102,100,102,0,2"], await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task Candles_TickForAClosedBucket_IgnoredAndReportedExit0()
    {
        var input = await _temp.WriteLinesAsync(
            "ticks.csv",
            "time,symbol,price",
            "2024-01-02T00:00:10Z,X,100",
            "2024-01-02T00:01:10Z,X,101",
            "2024-01-02T00:00:50Z,X,99",
            "2024-01-02T00:01:20Z,X,102");
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--timeframe", "5m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["quantpulse candles: ignored 1 late tick: their 1m bucket had already closed (ticks must be in time order per symbol)"],
            result.ErrorLines);
        Assert.Equal(
            [
                Header,
                "X,1m,2024-01-02T00:00:00Z,100,100,100,100,0,1",
                "X,1m,2024-01-02T00:01:00Z,101,102,101,102,0,2",
                "X,5m,2024-01-02T00:00:00Z,100,102,100,102,0,3",
            ],
            await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task Candles_SizesOverflowingTheVolume_TickIgnoredAndReportedExit0()
    {
        var input = await _temp.WriteLinesAsync(
            "ticks.csv",
            "time,symbol,price,size",
            "2024-01-02T00:00:10Z,X,100,79228162514264337593543950335",
            "2024-01-02T00:00:20Z,X,101,1",
            "2024-01-02T00:01:10Z,X,102,2");
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["quantpulse candles: ignored 1 tick whose size would overflow its candle's volume, or timed in the last day of year 9999"],
            result.ErrorLines);
        Assert.Equal(
            [
                Header,
                "X,1m,2024-01-02T00:00:00Z,100,100,100,100,79228162514264337593543950335,1",
                "X,1m,2024-01-02T00:01:00Z,102,102,102,102,2,1",
            ],
            await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task Candles_UnixTimesAndExtraColumns_Accepted()
    {
        var input = await _temp.WriteLinesAsync(
            "ticks.csv",
            "epoch,venue,symbol,price,size",
            "1704164640,x,\"A,B\",5.5,1",
            "1704164641000,x,\"A,B\",5.75,2",
            "1704164700.5,x,\"A,B\",5.25,0.5");
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                Header,
                "\"A,B\",1m,2024-01-02T03:04:00Z,5.5,5.75,5.5,5.75,3,2",
                "\"A,B\",1m,2024-01-02T03:05:00Z,5.25,5.25,5.25,5.25,0.5,1",
            ],
            await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task Candles_HeaderOnly_WritesHeaderOnlyExit0()
    {
        var input = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1d", "--output", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Header + "\n", result.Out);
        Assert.Equal(["candles: wrote 0 candles (1d; 0 symbols) from 0 ticks to standard output"], result.ErrorLines);
    }

    [Fact]
    public async Task Candles_OutputDash_WritesCsvToStdoutAndSummaryToStderr()
    {
        var input = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:10Z,X,100");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1s", "--output", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{Header}\nX,1s,2024-01-02T00:00:10Z,100,100,100,100,0,1\n", result.Out);
        Assert.Equal(["candles: wrote 1 candle (1s; 1 symbol) from 1 tick to standard output"], result.ErrorLines);
    }

    [ReferenceFact]
    public async Task Candles_DerivR100Ticks_EqualGroupByOfTheFile()
    {
        var input = ReferenceTicks.DerivR100;
        var output = _temp.File("deriv.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--timeframe", "5m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        var lines = await File.ReadAllLinesAsync(output);
        var ticks = TickGroupBy.Read(input);
        Assert.Equal(1236, ticks.Count);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(TickGroupBy.Rows(ticks, "1m", "5m"), lines[1..]);
        Assert.Equal(40, lines.Count(l => l.Contains(",1m,", StringComparison.Ordinal) && l.EndsWith(",30", StringComparison.Ordinal)));
        Assert.Equal(1236, lines[1..].Where(l => l.Contains(",5m,", StringComparison.Ordinal)).Sum(l => int.Parse(l.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [ReferenceFact]
    public async Task Candles_SpyTradeDay_EqualGroupByOfTheFile()
    {
        var input = _temp.File("spy.csv");
        await ReferenceTicks.WriteSpyIsoAsync(input);

        var output = _temp.File("spy-candles.csv");
        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1s,1m,5m,1h", "--output", output);

        Assert.Equal(0, result.ExitCode);
        var ticks = TickGroupBy.Read(input);
        Assert.Equal(ReferenceTicks.SpyTrades, ticks.Count);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(TickGroupBy.Rows(ticks, "1s", "1m", "5m", "1h"), lines[1..]);
    }

    [Theory]
    [InlineData("missing required option --input PATH", "--timeframe", "1m", "--output", "OUT")]
    [InlineData("missing required option --timeframe TF", "--input", "IN", "--output", "OUT")]
    [InlineData("missing required option --output PATH", "--input", "IN", "--timeframe", "1m")]
    [InlineData("unknown option '--timeframes'", "--input", "IN", "--timeframes", "1m", "--output", "OUT")]
    [InlineData("--timeframe: '2m' is not a timeframe (use 1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d)", "--input", "IN", "--timeframe", "2m", "--output", "OUT")]
    [InlineData("--timeframe: '1M' is not a timeframe (use 1s, 1m, 5m, 15m, 30m, 1h, 4h, 1d)", "--input", "IN", "--timeframe", "1M", "--output", "OUT")]
    [InlineData("--timeframe: 1m is given twice", "--input", "IN", "--timeframe", "1m", "--timeframe", "5m,1m", "--output", "OUT")]
    [InlineData("--timeframe: '1m,' has an empty item", "--input", "IN", "--timeframe", "1m,", "--output", "OUT")]
    [InlineData("option --input is given more than once", "--input", "IN", "--input", "IN", "--timeframe", "1m", "--output", "OUT")]
    [InlineData("--input: the path is empty", "--input", "", "--timeframe", "1m", "--output", "OUT")]
    [InlineData("--output: 'IN' is the input file; write to another file", "--input", "IN", "--timeframe", "1m", "--output", "IN")]
    [InlineData("unexpected argument 'extra'", "--input", "IN", "--timeframe", "1m", "--output", "OUT", "extra")]
    public async Task Candles_BadArguments_OneLineErrorExit2AndNoOutput(string expected, params string[] args)
    {
        var input = await _temp.WriteLinesAsync("in.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,1");
        var output = _temp.File("out.csv");
        string Resolve(string a) => a switch { "IN" => input, "OUT" => output, _ => a };

        var result = await CliRunner.RunAsync(["candles", .. args.Select(Resolve)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"quantpulse candles: {expected.Replace("'IN'", $"'{input}'", StringComparison.Ordinal)} (see 'quantpulse candles --help')", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Out);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData(null, "cannot read 'PATH': no such file")]
    [InlineData("", "empty.csv: the file is empty; expected a header such as 'time,symbol,price,size'.")]
    [InlineData("time,symbol,value\n2024-01-02T00:00:00Z,X,1\n", "empty.csv: line 1: the header must have time, symbol and price columns (size optional); found 'time,symbol,value'.")]
    [InlineData("time,price,price\n", "empty.csv: line 1: the columns 'price' and 'price' both name the price column; keep one.")]
    public async Task Candles_MissingOrUnusableInput_OneLineErrorExit1AndNoOutput(string? content, string expected)
    {
        await CliAssert.FailsOnInputAsync("candles", _temp.File("empty.csv"), content, _temp.File("out.csv"), expected, "--timeframe", "1m");
    }

    [Fact]
    public async Task Candles_OutputIsALinkToTheInput_OneLineErrorExit2AndInputUnchanged()
    {
        var input = await _temp.WriteLinesAsync("in.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,1");
        var output = _temp.File("out.csv");
        File.CreateSymbolicLink(output, input);

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        CliAssert.OneLineError(result, 2, $"quantpulse candles: --output: '{output}' is the same file as '{input}'; write to another file (see 'quantpulse candles --help')");
        Assert.Equal("time,symbol,price\n2024-01-02T00:00:00Z,X,1\n", await File.ReadAllTextAsync(input));
    }

    [Fact]
    public async Task Candles_FailsWithTheOutputThroughALink_LinkKeptAndTargetEmptied()
    {
        var input = await _temp.WriteLinesAsync("in.csv", "time,symbol,value", "2024-01-02T00:00:00Z,X,1");
        var target = await _temp.WriteLinesAsync("target.csv", "an older output");
        var output = _temp.File("out.csv");
        File.CreateSymbolicLink(output, target);

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(target, new FileInfo(output).LinkTarget);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Candles_InputIsADirectory_OneLineErrorExit1()
    {
        var result = await CliRunner.RunAsync("candles", "--input", _temp.Path, "--timeframe", "1m", "--output", _temp.File("out.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"quantpulse candles: cannot read '{_temp.Path}': it is a directory, not a file", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Candles_UnwritableOutput_OneLineErrorExit1()
    {
        var input = await _temp.WriteLinesAsync("in.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,1");
        var output = Path.Combine(_temp.Path, "no-such-folder", "out.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"quantpulse candles: cannot write '{output}': ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
