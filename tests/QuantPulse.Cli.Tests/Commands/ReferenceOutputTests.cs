using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using QuantPulse.Cli.Tests.Testing;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Commands;

/// <summary>
/// The exact bytes <c>indicators</c> and <c>backtest</c> write for real market data, pinned by SHA-256: a faster
/// reader, writer or candle path must leave every byte (number formatting, empty warm-up cells, trade rows and the
/// summary) as it was. The digests were taken from the output of the release before the speed work. A back-test's
/// database rows (candles, signals, trades and the run's own columns but its times and input path) are pinned the
/// same way, taken from the release that wrote signals and trades one statement per event.
/// </summary>
public sealed class ReferenceOutputTests : IDisposable
{
    private static readonly string[] EveryIndicator =
    [
        "--ema", "20", "--sma", "20", "--smma", "20", "--rsi", "14", "--atr", "14", "--tr", "--macd", "12,26,9", "--bb", "20,2",
        "--stdev", "20", "--ha", "--supertrend", "10,3", "--atr-stop", "21,3", "--adx", "14", "--stoch", "14,3,3", "--cci", "20",
        "--willr", "14", "--obv", "--vwap", "--donchian", "20", "--keltner", "20,2,10",
    ];

    internal const string SpyEmaRsiOutput = "e6ed61e41029f44177adefaf857ff441ee1a549786b185bb9e9c65f0f96b2bfd";
    internal const string SpyEmaRsiRows = "40ed3442e9a2629876a8d0bdf109d18dacc050b570dfa951f84339e48ea9cb9c";
    internal const string DerivUtBotOutput = "1559db3e3b2a5a335a0b81ea30f1dcc7df2833f556a256e3ae7e183ae5f3c782";
    internal const string DerivUtBotRows = "3289fc65a3cf1a332c04e85f133f401dd66b01cfe2f7e922986b15d5e35d0467";

    internal static readonly string[] SpyEmaRsi = ["--strategy", "ema-rsi", "--timeframe", "1m", "--stop-loss", "0.05%", "--take-profit", "0.1%", "--expiry", "15m"];
    internal static readonly string[] DerivUtBot = ["--strategy", "utbot", "--timeframe", "1m", "--stop-loss", "0.05%", "--take-profit", "0.1%", "--expiry", "5m"];

    private readonly TempDirectory _temp = new();

    internal static string DerivR100 => ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");

    public void Dispose() => _temp.Dispose();

    [ReferenceFact]
    public async Task Indicators_SkenderDefaultQuotesEveryIndicator_BytesUnchanged()
    {
        var output = _temp.File("default-indicators.csv");

        var result = await CliRunner.RunAsync(["indicators", "--input", ReferenceData.PathOf("vectors", "default.csv"), .. EveryIndicator, "--output", output]);

        Assert.Equal(0, result.ExitCode);
        AssertDigest("f250411aced26a5b0e6421f59671e6410f57f1301c41d651affeb7aef0be4a71", await File.ReadAllBytesAsync(output));
    }

    [ReferenceFact]
    public async Task Indicators_BinanceMinuteBarsEmaRsi_BytesUnchanged()
    {
        // LEAN's Binance BTCBUSD minute bars of 2022-12-13 (times in ms after midnight UTC), as a bars file with ISO times.
        var midnight = new DateTimeOffset(2022, 12, 13, 0, 0, 0, TimeSpan.Zero);
        var input = await ConvertZipAsync(
            _temp,
            "btcbusd.csv",
            "time,open,high,low,close,volume",
            cells => string.Create(CultureInfo.InvariantCulture, $"{midnight.AddMilliseconds(long.Parse(cells[0], CultureInfo.InvariantCulture)):yyyy-MM-dd'T'HH:mm:ss'Z'},{string.Join(',', cells[1..])}"),
            "market-data", "lean", "crypto", "binance", "minute", "btcbusd", "20221213_trade.zip");
        var output = _temp.File("btcbusd-indicators.csv");

        var result = await CliRunner.RunAsync(["indicators", "--input", input, "--ema", "20", "--rsi", "14", .. EveryIndicator[8..], "--output", output]);

        Assert.Equal(0, result.ExitCode);
        AssertDigest("e4e0926f3ed05a5dfe1ec9890726550fe10a01bdc8f06bdfbf2803e2f0003666", await File.ReadAllBytesAsync(output));
    }

    [ReferenceFact]
    public async Task Backtest_SpyTradeDayEmaRsi_BytesUnchanged()
    {
        var (digest, rows) = await BacktestDigestAsync(CliRunner.RunAsync, _temp, await SpyTradeDayAsync(_temp), SpyEmaRsi);

        AssertDigest(SpyEmaRsiOutput, digest);
        AssertDigest(SpyEmaRsiRows, rows);
    }

    [ReferenceFact]
    public async Task Backtest_DerivR100UtBot_BytesUnchanged()
    {
        var (digest, rows) = await BacktestDigestAsync(CliRunner.RunAsync, _temp, DerivR100, DerivUtBot);

        AssertDigest(DerivUtBotOutput, digest);
        AssertDigest(DerivUtBotRows, rows);
    }

    /// <summary>LEAN's SPY trades of 2013-10-07 as a tick file of the project's format.</summary>
    internal static Task<string> SpyTradeDayAsync(TempDirectory temp)
    {
        // Times in ms after midnight New York (EDT = UTC-4); prices in deci-cents.
        var midnight = new DateTimeOffset(2013, 10, 7, 4, 0, 0, TimeSpan.Zero);
        return ConvertZipAsync(
            temp,
            "spy.csv",
            "time,symbol,price,size",
            cells => string.Create(
                CultureInfo.InvariantCulture,
                $"{midnight.AddTicks((long)(decimal.Parse(cells[0], CultureInfo.InvariantCulture) * TimeSpan.TicksPerMillisecond)):yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'},SPY,{decimal.Parse(cells[1], CultureInfo.InvariantCulture) / 10_000m},{cells[2]}"),
            "market-data", "lean", "equity", "usa", "tick", "spy", "20131007_trade.zip");
    }

    // Rewrites the one CSV inside a reference zip file as a file of the project's own format.
    private static async Task<string> ConvertZipAsync(TempDirectory temp, string name, string header, Func<string[], string> row, params string[] zip)
    {
        await using var archive = await ZipFile.OpenReadAsync(ReferenceData.PathOf(zip), CancellationToken.None);
        using var reader = new StreamReader(await archive.Entries[0].OpenAsync(CancellationToken.None));
        var text = new StringBuilder(header).Append('\n');
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            text.Append(row(line.Split(','))).Append('\n');
        }

        var path = temp.File(name);
        await File.WriteAllTextAsync(path, text.ToString());
        return path;
    }

    private static void AssertDigest(string expected, byte[] output) => AssertDigest(expected, Convert.ToHexStringLower(SHA256.HashData(output)));

    // The whole digest in the message, so a deliberate change of output can be pinned again from the test log.
    internal static void AssertDigest(string expected, string actual) =>
        Assert.True(expected == actual, $"output SHA-256 {actual}, expected {expected}");

    // Every stored row in key order, each column as SQLite quotes it (type and exact value), hashed together.
    private static async Task<string> DatabaseDigestAsync(string db)
    {
        string[] queries =
        [
            "SELECT quote(symbol), quote(timeframe), quote(open_time), quote(open), quote(high), quote(low), quote(close), quote(volume), quote(ticks), quote(source) FROM candles ORDER BY symbol, timeframe, open_time",
            "SELECT quote(run_scope), quote(id), quote(run_id), quote(asset), quote(timestamp), quote(type), quote(confidence), quote(entry_price), quote(stop_loss), quote(take_profit), quote(rr_ratio), quote(strategy), quote(confirmations) FROM signals ORDER BY run_scope, id",
            "SELECT quote(run_scope), quote(id), quote(run_id), quote(signal_id), quote(asset), quote(entry_price), quote(stop_loss), quote(take_profit), quote(open_time), quote(close_time), quote(result), quote(duration_seconds), quote(movement_percentage), quote(close_price) FROM trades ORDER BY run_scope, id",
            "SELECT quote(id), quote(command), quote(parameters), quote(status), quote(finished IS NOT NULL) FROM runs ORDER BY id",
        ];
        var text = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetString(i)).Append(i + 1 < reader.FieldCount ? '|' : '\n');
                }
            }

            text.Append("--\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Runs a back-test into a new SQLite file with <paramref name="run"/> (the JIT build or the native executable): the
    /// trades file and the summary, with the run's own paths replaced, hashed together; and the database's rows.
    /// </summary>
    internal static async Task<(string Output, string Rows)> BacktestDigestAsync(
        Func<string[], Task<CliResult>> run, TempDirectory temp, string input, params string[] options)
    {
        var output = temp.File("trades.csv");
        var db = temp.File("backtest.db");

        var result = await run(["backtest", "--input", input, "--db", "sqlite:" + db, "--output", output, .. options]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        var summary = result.Out.Replace(db, "DB", StringComparison.Ordinal).Replace(output, "OUT", StringComparison.Ordinal).Replace(input, "IN", StringComparison.Ordinal);
        var trades = await File.ReadAllTextAsync(output);
        Assert.NotEqual(TradeRows.Header + "\n", trades);
        return (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(trades + "\n--\n" + summary))), await DatabaseDigestAsync(db));
    }
}
