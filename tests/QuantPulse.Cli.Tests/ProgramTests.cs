using QuantPulse.Cli.Files;
using QuantPulse.Cli.Tests.Commands;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests;

/// <summary>
/// The real <c>quantpulse</c> process where only a process shows the behaviour: a reader that closes standard
/// output early, and a second Ctrl+C that ends the process at once.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    private const string BarsHeader = "symbol,timeframe,open_time,open,high,low,close,volume,ticks";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Far more output than a pipe holds, so the command is still writing when the reader goes away.</summary>
    private async Task<string> TicksAsync()
    {
        var ticks = _temp.File("ticks.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--ticks", "100000", "--output", ticks)).ExitCode);
        return ticks;
    }

    [UnixTheory]
    [InlineData("simulate", "--ticks", "1000000", "--output", "-")]
    [InlineData("candles", "--input", "TICKS", "--timeframe", "1s", "--output", "-")]
    [InlineData("indicators", "--input", "BARS", "--ema", "5", "--output", "-")]
    [InlineData("backtest", "--input", "TICKS", "--strategy", "utbot", "--timeframe", "1s", "--db", "sqlite:DB", "--output", "-")]
    public async Task Main_ReaderClosesStandardOutput_StopsQuietlyWithExit141(params string[] args)
    {
        var ticks = await TicksAsync();
        var bars = _temp.File("bars.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("candles", "--input", ticks, "--timeframe", "1s", "--output", bars)).ExitCode);
        var db = _temp.File("q.db");
        using var process = CliProcess.Start([.. args.Select(a => a switch { "TICKS" => ticks, "BARS" => bars, "DB" => db, _ => a })]);
        var stderr = process.StandardError.ReadToEndAsync();

        // What `| head -1` does: read a line, then close the pipe.
        Assert.NotNull(await process.StandardOutput.ReadLineAsync());
        process.StandardOutput.Close();

        var error = await CliProcess.ExitAsync(process, stderr);
        Assert.Equal(string.Empty, error);
        Assert.Equal(141, process.ExitCode);
    }

    [UnixFact]
    public async Task Main_StandardOutputIsAFileTheShellShares_TheNextCommandWritesAfterIt()
    {
        var ticks = _temp.File("ticks.csv");
        var log = _temp.File("log.txt");

        // The shell opens the log once for both commands: each must write where the other stopped.
        using var shell = CliProcess.StartTool("sh", "-c", "{ \"$0\" \"$1\" simulate --ticks 2 --output \"$2\"; echo next; } > \"$3\"", CliProcess.Host, CliProcess.Cli, ticks, log);
        var error = await CliProcess.ExitAsync(shell, shell.StandardError.ReadToEndAsync());

        Assert.Equal(0, shell.ExitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal($"simulate: wrote 2 simulated ticks (1 symbol x 2, seed 1) to {ticks}\nnext\n", await File.ReadAllTextAsync(log));
    }

    [Theory]
    [InlineData("simulate", "--ticks", "10", "--output", "-")]
    [InlineData("simulate", "--ticks", "10", "--output", "OUT")]
    [InlineData("candles", "--input", "TICKS", "--timeframe", "1m", "--output", "OUT")]
    [InlineData("indicators", "--input", "BARS", "--sma", "2", "--output", "-")]
    [InlineData("backtest", "--input", "TICKS", "--strategy", "utbot", "--timeframe", "1m", "--db", "sqlite:DB", "--output", "OUT")]
    [InlineData("--help")]
    [InlineData("--version")]
    public async Task RunAsync_StandardOutputClosed_Exit141WithoutAMessage(params string[] args)
    {
        var ticks = await _temp.WriteLinesAsync("ticks.csv", "time,symbol,price", "2024-01-02T00:00:00Z,X,100", "2024-01-02T00:01:00Z,X,101");
        var bars = await _temp.WriteLinesAsync("bars.csv", BarsHeader, "X,1m,2024-01-02T00:00:00Z,1,2,1,2,0,1", "X,1m,2024-01-02T00:01:00Z,2,3,2,3,0,1");
        var output = _temp.File("out.csv");
        var stderr = new StringWriter();

        var exitCode = await CliApp.RunAsync(
            [.. args.Select(a => a switch { "TICKS" => ticks, "BARS" => bars, "DB" => _temp.File("q.db"), "OUT" => output, _ => a })],
            new ClosedOutput(), stderr, CancellationToken.None);

        Assert.Equal(141, exitCode);
        Assert.Equal(string.Empty, stderr.ToString());
    }

    [UnixTheory]
    [InlineData("backtest", "TICKS", "--strategy", "utbot", "--timeframe", "1m", "--db", "sqlite:DB")]
    [InlineData("candles", "TICKS", "--timeframe", "1m")]
    [InlineData("indicators", "BARS", "--ema", "3")]
    public async Task Main_SecondInterruptWhileWaitingForInput_RemovesTheUnfinishedOutputExit130(string command, params string[] options)
    {
        // The input is a FIFO the test keeps open: the command waits for more input, whatever the machine's speed,
        // and a blocked read may not even notice the first Ctrl+C.
        var fifo = _temp.File("input.fifo");
        await CliProcess.RunAsync("mkfifo", fifo);
        var output = _temp.File("out.csv");
        var isBars = options[0] == "BARS";
        using var process = CliProcess.Start([command, "--input", fifo, .. options[1..].Select(o => o == "sqlite:DB" ? "sqlite:" + _temp.File("q.db") : o), "--output", output]);
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = new StreamWriter(fifo) { NewLine = "\n" };
        try
        {
            await writer.WriteLineAsync(isBars ? BarsHeader : "time,symbol,price");
            await writer.WriteLineAsync(isBars ? "X,1m,2024-01-02T00:00:00Z,1,2,1,2,0,1" : "2024-01-02T00:00:00Z,X,100");
            await writer.FlushAsync();
            await Eventually.TrueAsync(() => process.HasExited || File.Exists(output), "the output file is created");
            Assert.False(process.HasExited, "quantpulse exited before the interrupts");

            await CliProcess.InterruptTwiceAsync(process);

            var error = await CliProcess.ExitAsync(process, stderr);
            Assert.Equal(130, process.ExitCode);
            Assert.False(File.Exists(output), "the unfinished output was left behind");

            // Stopped by the first interrupt (the command cleaned up), by the second, or by the second while it was
            // finishing after the first: one line each, in either order.
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Matches($"^(quantpulse {command}: cancelled|quantpulse: interrupted again: stopped at once(; unfinished output removed)?)$", l));
            Assert.Equal(lines.Length, lines.Distinct().Count());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            try
            {
                await writer.DisposeAsync();
            }
            catch (IOException)
            {
                // The reader is gone: nothing to flush to.
            }
        }
    }

    /// <summary>Standard output whose reader went away: every write fails as <see cref="StandardOutput"/> reports it.</summary>
    private sealed class ClosedOutput : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new OutputClosedException();
    }
}
