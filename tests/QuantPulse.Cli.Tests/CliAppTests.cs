namespace QuantPulse.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public async Task RunAsync_NoArguments_OneLineUsageErrorExit2()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("quantpulse: no command given (see 'quantpulse --help')\n", result.Error);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task RunAsync_Help_ListsCommandsAndExitCodes(string arg)
    {
        var result = await CliRunner.RunAsync(arg);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: quantpulse COMMAND [OPTIONS]\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("\n  simulate  ", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 wrong command line", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryCommandWithItsSummary()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(
            ["simulate", "record", "candles", "dbn", "indicators", "backtest", "adf", "pair", "pairtest", "token"],
            result.Out.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        foreach (var command in QuantPulse.Cli.Commands.CommandCatalog.All)
        {
            Assert.Contains($"  {command.Name} ", result.Out, StringComparison.Ordinal);
            Assert.Contains(command.Summary + "\n", result.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("simulate", "--help")]
    [InlineData("simulate", "-h")]
    [InlineData("help", "simulate")]
    [InlineData("simulate", "--ticks", "oops", "--help")]
    public async Task RunAsync_CommandHelp_ShowsEveryOption(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: quantpulse simulate --ticks N --output PATH [OPTIONS]\n", result.Out, StringComparison.Ordinal);
        foreach (var option in new[] { "--symbols LIST", "--seed N", "--ticks N", "--interval DURATION", "--start TIME", "--volatility PERCENT", "--start-price PRICE", "--decimals N", "--output PATH", "-h, --help" })
        {
            Assert.Contains("\n  " + option, result.Out, StringComparison.Ordinal);
        }

        Assert.Empty(result.Error);
    }

    [Theory]
    [InlineData("candles", "Usage: quantpulse candles --input PATH --timeframe TF --output PATH [OPTIONS]\n", new[] { "--input PATH", "--timeframe TF", "--output PATH" })]
    [InlineData("indicators", "Usage: quantpulse indicators --input PATH --output PATH [OPTIONS]\n", new[] { "--input PATH", "--ema N", "--sma N", "--rsi N", "--atr N", "--macd FAST,SLOW,SIGNAL", "--bb N,K", "--stdev N", "--output PATH" })]
    public async Task RunAsync_CandlesAndIndicatorsHelp_ShowsUsageAndEveryOption(string command, string usage, string[] options)
    {
        var result = await CliRunner.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(usage, result.Out, StringComparison.Ordinal);
        foreach (var option in options)
        {
            Assert.Contains("\n  " + option + " ", result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("\n  " + command + " ", (await CliRunner.RunAsync("--help")).Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Theory]
    [InlineData(new[] { "candels" }, "quantpulse: unknown command 'candels' (see 'quantpulse --help')")]
    [InlineData(new[] { "--verbose" }, "quantpulse: unknown option '--verbose' (see 'quantpulse --help')")]
    [InlineData(new[] { "help", "nope" }, "quantpulse: unknown command 'nope' (see 'quantpulse --help')")]
    public async Task RunAsync_UnknownCommand_OneLineUsageErrorExit2(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("candles", "time,symbol,price\n2024-01-02T00:00:00Z,X,1\n", "--timeframe", "1m")]
    [InlineData("indicators", "date,open,high,low,close\n2024-01-01,1,2,1,2\n2024-01-02,1,2,1,2\n", "--ema", "2")]
    public async Task RunAsync_CancelledCommand_Exit130AndNoPartialFile(string command, string content, params string[] options)
    {
        using var temp = new TempDirectory();
        var input = temp.File("in.csv");
        await File.WriteAllTextAsync(input, content);
        var output = temp.File("out.csv");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var result = await CliRunner.RunAsync(cts.Token, [command, "--input", input, .. options, "--output", output]);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal([$"quantpulse {command}: cancelled"], result.ErrorLines);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task RunAsync_Version_PrintsVersion()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^quantpulse \d+\.\d+\.\d+\n$", result.Out);
    }
}
