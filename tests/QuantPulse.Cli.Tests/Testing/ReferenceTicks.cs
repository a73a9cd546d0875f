using System.Globalization;
using System.IO.Compression;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>Tick files written from the real market data under <c>../shared/reference</c>.</summary>
public static class ReferenceTicks
{
    /// <summary>The number of trades in LEAN's SPY tick file of 2013-10-07.</summary>
    public const int SpyTrades = 250_601;

    /// <summary>Deriv's R_100 ticks of 2025-04-26 (<c>epoch,symbol,price</c>, Unix seconds), read in place.</summary>
    public static string DerivR100 => ReferenceData.PathOf("market-data", "deriv", "R_100_2025-04-26_first1236.csv");

    /// <summary>
    /// Writes LEAN's SPY trades of 2013-10-07 (times in ms after midnight New York, EDT = UTC-4; prices in
    /// deci-cents) as a tick file with ISO times and 1/10,000 prices: <see cref="SpyTrades"/> real trades, several
    /// per millisecond. <paramref name="row"/> formats one row from the UTC time, the price and the size cell.
    /// </summary>
    public static async Task WriteSpyTradeDayAsync(string path, string header, Func<DateTimeOffset, decimal, string, string> row)
    {
        var zip = ReferenceData.PathOf("market-data", "lean", "equity", "usa", "tick", "spy", "20131007_trade.zip");
        var midnight = new DateTimeOffset(2013, 10, 7, 4, 0, 0, TimeSpan.Zero);
        await using var archive = await ZipFile.OpenReadAsync(zip, CancellationToken.None);
        using var reader = new StreamReader(await archive.Entries[0].OpenAsync(CancellationToken.None));
        await using var writer = new StreamWriter(path);
        await writer.WriteAsync(header);
        while (await reader.ReadLineAsync() is { } line)
        {
            var cells = line.Split(',');
            var time = midnight.AddTicks((long)(decimal.Parse(cells[0], CultureInfo.InvariantCulture) * TimeSpan.TicksPerMillisecond));
            var price = decimal.Parse(cells[1], CultureInfo.InvariantCulture) / 10_000m;
            await writer.WriteAsync(row(time, price, cells[2]));
        }
    }

    /// <summary>The SPY trade day as <c>time,symbol,price,size</c> with ISO times to 100 ns and <c>\n</c> line ends.</summary>
    public static Task WriteSpyIsoAsync(string path) => WriteSpyTradeDayAsync(
        path,
        "time,symbol,price,size\n",
        (time, price, size) => string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'},SPY,{price},{size}\n"));
}
