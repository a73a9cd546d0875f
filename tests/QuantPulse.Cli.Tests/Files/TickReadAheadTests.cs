using System.Globalization;
using QuantPulse.Cli.Commands;
using QuantPulse.Cli.Files;
using QuantPulse.Model;

namespace QuantPulse.Cli.Tests.Files;

public class TickReadAheadTests
{
    [Fact]
    public async Task Next_ManyBatches_ReturnsEveryTickInFileOrderThenEmpty()
    {
        using var folder = new TempDirectory();
        var lines = new List<string> { "time,symbol,price,size" };
        for (var i = 0; i < 1000; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + i},{(i % 3 == 0 ? "A" : "B")},{100 + i}.5,{i % 4}"));
        }

        var path = await folder.WriteLinesAsync("ticks.csv", [.. lines]);
        var file = TickFile.Open(path, new TickFileProblems("candles"));

        var prices = new List<decimal>();
        using (var batches = new TickReadAhead(file, batchSize: 7, depth: 3))
        {
            ReadOnlySpan<Tick> ticks;
            while (!(ticks = batches.Next(CancellationToken.None)).IsEmpty)
            {
                foreach (var tick in ticks)
                {
                    prices.Add(tick.Price);
                }
            }

            Assert.True(batches.Next(CancellationToken.None).IsEmpty);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => 100 + i + 0.5m), prices);
        Assert.Equal(1000, file.Statistics.Accepted);
    }

    [Fact]
    public async Task Next_BadHeader_RethrowsTheReadersException()
    {
        using var folder = new TempDirectory();
        var path = await folder.WriteLinesAsync("ticks.csv", "when,what", "1,2");
        using var batches = new TickReadAhead(TickFile.Open(path, new TickFileProblems("candles")), batchSize: 4, depth: 2);

        var error = Assert.Throws<InvalidDataException>(() => batches.Next(CancellationToken.None));

        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_BeforeTheEnd_StopsTheReader()
    {
        using var folder = new TempDirectory();
        var lines = new List<string> { "time,symbol,price" };
        lines.AddRange(Enumerable.Range(0, 500).Select(i => string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + i},X,1")));
        var path = await folder.WriteLinesAsync("ticks.csv", [.. lines]);
        var file = TickFile.Open(path, new TickFileProblems("candles"));

        var batches = new TickReadAhead(file, batchSize: 5, depth: 2);
        Assert.Equal(5, batches.Next(CancellationToken.None).Length);
        batches.Dispose();

        // The reader stopped with at most the batches in flight read: the rest of the file was never parsed.
        Assert.InRange(file.Statistics.Accepted, 5, 15);
    }

    [Fact]
    public async Task Next_Cancelled_Throws()
    {
        using var folder = new TempDirectory();
        var path = await folder.WriteLinesAsync("ticks.csv", "time,symbol,price", "1700000000,X,1");
        using var batches = new TickReadAhead(TickFile.Open(path, new TickFileProblems("candles")), batchSize: 4, depth: 2);

        Assert.ThrowsAny<OperationCanceledException>(() => batches.Next(new CancellationToken(canceled: true)));
    }
}
