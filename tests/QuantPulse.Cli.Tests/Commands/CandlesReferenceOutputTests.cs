using System.Globalization;
using System.Security.Cryptography;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

/// <summary>
/// Pins the bytes <c>quantpulse candles</c> writes for real market data: the SHA-256 of each output was taken
/// from the command as it stood before the UTF-8 parser and the fixed-point candle maths, so any change to the
/// parser or the candle core that alters a single byte fails here.
/// </summary>
public sealed class CandlesReferenceOutputTests : IDisposable
{
    private const string DerivSha256 = "d780db6bc2d538fade28f20e13375a4617758654bf447d34214c0338a8e7e6c0";
    private const string SpySha256 = "9cbb8797c324c41a3d913a3840967aad8a5d7509dca01c6a0db1c0f9e51205ae";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [ReferenceFact]
    public async Task Candles_DerivR100Ticks_OutputBytesUnchanged()
    {
        var output = _temp.File("deriv-candles.csv");

        var result = await CliRunner.RunAsync("candles", "--input", ReferenceTicks.DerivR100, "--timeframe", "1m,5m,15m", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"candles: wrote 55 candles (1m, 5m, 15m; 1 symbol) from 1236 ticks to {output}\n", result.Out);
        Assert.Empty(result.Error);
        Assert.Equal(DerivSha256, await Sha256Async(output));
    }

    [ReferenceFact]
    public async Task Candles_SpyTradeDayIsoTimes_OutputBytesUnchanged()
    {
        var input = _temp.File("spy.csv");
        await ReferenceTicks.WriteSpyIsoAsync(input);

        Assert.Equal(SpySha256, await CandlesOfSpyAsync(input));
    }

    [ReferenceFact]
    public async Task Candles_SpyTradeDayUnixMillisecondsCrLfQuotedReordered_SameBytesAsIsoTimes()
    {
        // The same trades with the columns reordered and renamed, quoted symbols, Unix milliseconds with a
        // four-digit fraction (100 ns) and CRLF line ends: every candle must come out as from the ISO file.
        var input = _temp.File("spy-unix.csv");
        await ReferenceTicks.WriteSpyTradeDayAsync(
            input,
            "\"symbol\",qty,quote,timestamp\r\n",
            (time, price, size) => string.Create(
                CultureInfo.InvariantCulture,
                $"\"SPY\",{size},{price},{(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10_000m:0.0000}\r\n"));

        Assert.Equal(SpySha256, await CandlesOfSpyAsync(input));
    }

    private async Task<string> CandlesOfSpyAsync(string input)
    {
        var output = _temp.File("spy-candles.csv");
        var result = await CliRunner.RunAsync("candles", "--input", input, "--timeframe", "1s,1m,5m,15m,1h", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"candles: wrote 19111 candles (1s, 1m, 5m, 15m, 1h; 1 symbol) from 250601 ticks to {output}\n", result.Out);
        Assert.Empty(result.Error);
        return await Sha256Async(output);
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
