using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Databento;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Databento;

public sealed class DbnFileSourceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"qp-{Guid.NewGuid():N}.dbn");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task ReadAsync_TradesFile_YieldsValidTicksAndCountsTheRest()
    {
        new DbnFileWriter()
            .Map("AAPL", 1)
            .Trade(1, T0, 171.25m, 10)
            .TradeRaw(1, (ulong)DbnFileWriter.Nanos(T0), DbnFileWriter.UndefinedPrice, 1)
            .Trade(1, T0.AddSeconds(2), 171.5m, 5)
            .WriteTo(_path);
        var rejections = new List<SourceRejection>();
        var source = new DbnFileSource(_path, rejections.Add);

        var ticks = await source.ReadAsync().ToListAsync();

        Assert.Equal([171.25m, 171.5m], ticks.Select(t => t.Price));
        Assert.Equal(2, source.Statistics.Accepted);
        Assert.Equal(1, source.Statistics.Rejected(TickRejection.NonPositivePrice));
        var rejection = Assert.Single(rejections);
        Assert.StartsWith("record 2: AAPL at 2024-03-04T14:30:00.0000000+00:00: trade with an undefined price", rejection.Message, StringComparison.Ordinal);
        Assert.Equal("dbn:" + Path.GetFileName(_path), source.Name);
        Assert.Equal(T0.AddSeconds(2), source.GetWatermark(DateTimeOffset.MaxValue));
        Assert.Equal("trades", source.Metadata!.Schema);
    }

    [Fact]
    public void ReadBatch_ManyTrades_ReturnsThemInBatchesThenZero()
    {
        var writer = new DbnFileWriter().Map("AAPL", 1);
        for (var i = 0; i < 10; i++)
        {
            writer.Trade(1, T0.AddSeconds(i), 100m + i, 1);
        }

        writer.WriteTo(_path);
        var source = new DbnFileSource(_path);
        var buffer = new Tick[4];

        Assert.Equal([4, 4, 2, 0], [source.ReadBatch(buffer), source.ReadBatch(buffer), source.ReadBatch(buffer), source.ReadBatch(buffer)]);
        Assert.Equal(10, source.Statistics.Accepted);
    }

    [Fact]
    public async Task ReadAsync_BarsFile_IsRefusedPointingToTheConverter()
    {
        new DbnFileWriter("ohlcv-1m").Map("AAPL", 1).Bar(0x21, 1, T0, 1m, 1m, 1m, 1m, 1).WriteTo(_path);
        var source = new DbnFileSource(_path);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await source.ReadAsync().ToListAsync());

        Assert.Equal($"'{_path}' holds ohlcv-1m bars, not trades; convert them with 'quantpulse dbn'", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_FileCutInsideARecord_ThrowsNamingTheFile()
    {
        var bytes = new DbnFileWriter().Map("AAPL", 1).Trade(1, T0, 1m, 1).Trade(1, T0, 1m, 1).ToArray();
        await File.WriteAllBytesAsync(_path, bytes[..^10]);
        var source = new DbnFileSource(_path);
        var ticks = new List<Tick>();

        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var tick in source.ReadAsync())
            {
                ticks.Add(tick);
            }
        });

        Assert.Single(ticks);
        Assert.StartsWith($"cannot read '{_path}': the file ends inside the DBN record at byte ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAsync_Twice_Throws()
    {
        var source = new DbnFileSource(_path);
        _ = source.ReadAsync();

        Assert.Throws<InvalidOperationException>(() => source.ReadAsync());
    }
}
