using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

public sealed class DbnCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dbn_Trades_WritesTheReplayFormat()
    {
        var input = new DbnFileWriter("trades", 3)
            .Map("AAPL", 38)
            .Map("MSFT", 7152)
            .Trade(38, T0, 171.25m, 100)
            .Trade(7152, T0.AddMilliseconds(1), 415.1m, 3, 'A')
            .TradeRaw(38, (ulong)DbnFileWriter.Nanos(T0.AddSeconds(1)), DbnFileWriter.UndefinedPrice, 1)
            .Trade(38, T0.AddSeconds(2), 171.5m, 7)
            .WriteTo(_temp.File("trades.dbn"));
        var output = _temp.File("ticks.csv");

        var result = await CliRunner.RunAsync("dbn", "--input", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"dbn: wrote 3 ticks (trades, XNAS.ITCH) from 4 records to {output}\n", result.Out);
        Assert.Equal(
            "quantpulse dbn: skipped 1 unusable record (first: record 3: AAPL at 2024-03-04T14:30:01.0000000+00:00: trade with an undefined price)\n",
            result.Error);
        Assert.Equal(
            "time,symbol,price,size\n"
            + "2024-03-04T14:30:00Z,AAPL,171.25,100\n"
            + "2024-03-04T14:30:00.001Z,MSFT,415.1,3\n"
            + "2024-03-04T14:30:02Z,AAPL,171.5,7\n",
            await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Dbn_OhlcvBars_WritesTheCandleFormatToStandardOutput()
    {
        var input = new DbnFileWriter("ohlcv-1m", 2)
            .Map("ESM4", 5602)
            .Bar(0x21, 5602, T0, 5200.25m, 5201m, 5199.5m, 5200.75m, 1234)
            .Bar(0x21, 5602, T0.AddMinutes(1), 5200.75m, 5202.5m, 5200m, 5202m, 88)
            .WriteTo(_temp.File("bars.dbn"));

        var result = await CliRunner.RunAsync("dbn", "--input", input);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "symbol,timeframe,open_time,open,high,low,close,volume,ticks\n"
            + "ESM4,1m,2024-03-04T14:30:00Z,5200.25,5201,5199.5,5200.75,1234,0\n"
            + "ESM4,1m,2024-03-04T14:31:00Z,5200.75,5202.5,5200,5202,88,0\n",
            result.Out);
        Assert.Equal("dbn: wrote 2 candles (ohlcv-1m, XNAS.ITCH) from 2 records to standard output\n", result.Error);
    }

    [Fact]
    public async Task Candles_DbnTrades_EqualCandlesOfTheConvertedCsv()
    {
        var writer = new DbnFileWriter().Map("AAPL", 1).Map("MSFT", 2);
        for (var i = 0; i < 300; i++)
        {
            writer.Trade((uint)(1 + (i % 2)), T0.AddSeconds(i * 1.7), 100m + (i % 13 * 0.25m), (uint)(1 + (i % 5)));
        }

        var dbn = writer.WriteTo(_temp.File("trades.dbn"));
        var csv = _temp.File("ticks.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("dbn", "--input", dbn, "--output", csv)).ExitCode);

        var fromDbn = await CliRunner.RunAsync("candles", "--input", dbn, "--timeframe", "1m", "--output", _temp.File("a.csv"));
        var fromCsv = await CliRunner.RunAsync("candles", "--input", csv, "--timeframe", "1m", "--output", _temp.File("b.csv"));

        Assert.Equal(0, fromDbn.ExitCode);
        Assert.Empty(fromDbn.Error);
        Assert.Contains("from 300 ticks", fromDbn.Out, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(_temp.File("b.csv")), await File.ReadAllTextAsync(_temp.File("a.csv")));
        Assert.Equal(0, fromCsv.ExitCode);
    }

    [Fact]
    public async Task Candles_DbnBars_FailsWithOneLinePointingToDbn()
    {
        var input = new DbnFileWriter("ohlcv-1h").Map("ESM4", 1).Bar(0x22, 1, T0, 1m, 1m, 1m, 1m, 1).WriteTo(_temp.File("bars.dbn"));
        var output = _temp.File("candles.csv");

        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1m", "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"quantpulse candles: '{input}' holds ohlcv-1h bars, not trades; convert them with 'quantpulse dbn'\n", result.Error);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("dbn")]
    [InlineData("candles")]
    public async Task BadDbnFile_FailsWithOneLineAndExitCode1(string command)
    {
        var input = _temp.File("bad.dbn");
        await File.WriteAllTextAsync(input, "time,symbol,price\n2024-01-02,A,1\n");
        var output = _temp.File("out.csv");
        string[] args = command == "dbn"
            ? ["dbn", "--input", input, "--output", output]
            : ["candles", "--input", input, "--timeframe", "1m", "--output", output];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"quantpulse {command}: cannot read '{input}': not a DBN file (it does not start with 'DBN')\n", result.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Dbn_TruncatedFile_FailsAndRemovesTheOutput()
    {
        var bytes = new DbnFileWriter().Map("AAPL", 1).Trade(1, T0, 1m, 1).Trade(1, T0, 2m, 1).ToArray();
        var input = _temp.File("cut.dbn");
        await File.WriteAllBytesAsync(input, bytes[..^7]);
        var output = _temp.File("out.csv");

        var result = await CliRunner.RunAsync("dbn", "--input", input, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"quantpulse dbn: cannot read '{input}': the file ends inside the DBN record at byte ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("trades.dbn.zst", 1)]
    [InlineData("trades.dbn.zst", 4)]
    [InlineData("trades.bin", 2)]
    public async Task Dbn_ZstdCompressedFile_WritesWhatTheUncompressedFileGives(string name, int frames)
    {
        var writer = TradesOfTwoSymbols(300);
        var plain = writer.WriteTo(_temp.File("trades.dbn"));
        var compressed = writer.WriteZstdTo(_temp.File(name), frames);

        var fromPlain = await CliRunner.RunAsync("dbn", "--input", plain, "--output", _temp.File("a.csv"));
        var fromZstd = await CliRunner.RunAsync("dbn", "--input", compressed, "--output", _temp.File("b.csv"));

        Assert.Equal(0, fromZstd.ExitCode);
        Assert.Equal($"dbn: wrote 300 ticks (trades, XNAS.ITCH) from 300 records to {_temp.File("b.csv")}\n", fromZstd.Out);
        Assert.Empty(fromZstd.Error);
        Assert.Equal(0, fromPlain.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(_temp.File("a.csv")), await File.ReadAllTextAsync(_temp.File("b.csv")));
    }

    [Theory]
    [InlineData("trades.dbn.zst")]
    [InlineData("trades.zst")]
    [InlineData("ticks.dat")]
    public async Task Candles_ZstdCompressedTrades_EqualCandlesOfTheUncompressedFile(string name)
    {
        var writer = TradesOfTwoSymbols(300).TradeRaw(1, (ulong)DbnFileWriter.Nanos(T0.AddMinutes(20)), DbnFileWriter.UndefinedPrice, 1);
        var plain = writer.WriteTo(_temp.File("trades.dbn"));
        var compressed = writer.WriteZstdTo(_temp.File(name), frames: 3);

        var fromPlain = await CliRunner.RunAsync("candles", "--input", plain, "--timeframe", "1m", "--output", _temp.File("a.csv"));
        var fromZstd = await CliRunner.RunAsync("candles", "--input", compressed, "--timeframe", "1m", "--output", _temp.File("b.csv"));

        Assert.Equal(0, fromZstd.ExitCode);
        Assert.Contains("from 300 ticks", fromZstd.Out, StringComparison.Ordinal);
        Assert.Equal(
            ["quantpulse candles: skipped 1 unusable record (first: record 301: AAPL at 2024-03-04T14:50:00.0000000+00:00: trade with an undefined price)"],
            fromZstd.ErrorLines);
        Assert.Equal(fromPlain.ErrorLines, fromZstd.ErrorLines);
        Assert.Equal(await File.ReadAllTextAsync(_temp.File("a.csv")), await File.ReadAllTextAsync(_temp.File("b.csv")));
    }

    [Theory]
    [InlineData("dbn", "cut")]
    [InlineData("candles", "cut")]
    [InlineData("dbn", "corrupt")]
    [InlineData("candles", "corrupt")]
    public async Task BadZstdFile_FailsWithOneLineAndExitCode1(string command, string damage)
    {
        var compressed = TradesOfTwoSymbols(3000).ToZstd();
        if (damage == "cut")
        {
            compressed = compressed[..(compressed.Length / 2)];
        }
        else
        {
            compressed.AsSpan(compressed.Length / 2, 16).Fill(0xA5);
        }

        var input = _temp.File("bad.dbn.zst");
        await File.WriteAllBytesAsync(input, compressed);
        var output = _temp.File("out.csv");
        string[] args = command == "dbn"
            ? ["dbn", "--input", input, "--output", output]
            : ["candles", "--input", input, "--timeframe", "1m", "--output", output];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(
            damage == "cut"
                ? $"quantpulse {command}: cannot read '{input}': the zstd data is cut short (the file ends inside a compressed frame)"
                : $"quantpulse {command}: cannot read '{input}': the zstd data is corrupt (",
            line,
            StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Dbn_ZstdOfACsvFile_FailsSayingItIsNotDbn()
    {
        var input = _temp.File("ticks.csv.zst");
        await File.WriteAllBytesAsync(input, DbnFileWriter.Zstd("time,symbol,price\n2024-01-02T00:00:00Z,A,1\n"u8.ToArray()));

        var result = await CliRunner.RunAsync("dbn", "--input", input);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"quantpulse dbn: cannot read '{input}': the zstd data is not DBN once decompressed (it does not start with 'DBN')"], result.ErrorLines);
    }

    private static DbnFileWriter TradesOfTwoSymbols(int count)
    {
        var writer = new DbnFileWriter().Map("AAPL", 1).Map("MSFT", 2);
        for (var i = 0; i < count; i++)
        {
            writer.Trade((uint)(1 + (i % 2)), T0.AddSeconds(i * 1.7), 100m + (i % 13 * 0.25m), (uint)(1 + (i % 5)));
        }

        return writer;
    }

    [Fact]
    public async Task Dbn_MissingInput_FailsWithExitCode1()
    {
        var result = await CliRunner.RunAsync("dbn", "--input", _temp.File("none.dbn"));

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("no such file\n", result.Error, StringComparison.Ordinal);
    }
}
