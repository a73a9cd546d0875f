using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources;

public class CompositeTickSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadAsync_TwoFiniteSources_YieldsEveryTickOnceAndKeepsEachSourcesOrder()
    {
        var a = new ScriptedTickSource();
        var b = new ScriptedTickSource();
        var ticksA = Enumerable.Range(0, 1000).Select(i => Ticks.Trade(Ticks.Day.AddSeconds(i), 100m + i, symbol: "A")).ToArray();
        var ticksB = Enumerable.Range(0, 700).Select(i => Ticks.Trade(Ticks.Day.AddSeconds(i), 200m + i, symbol: "B")).ToArray();
        a.Write(ticksA);
        b.Write(ticksB);
        a.End();
        b.End();
        var composite = new CompositeTickSource([a, b], bufferSize: 16);

        var merged = await ReadAllAsync(composite).WaitAsync(Timeout);

        Assert.Equal(ticksA, merged.Where(t => t.Symbol == "A"));
        Assert.Equal(ticksB, merged.Where(t => t.Symbol == "B"));
        Assert.Equal(1700, composite.Statistics.Accepted);
    }

    [Fact]
    public async Task ReadAsync_OneSourceFails_EndsTheStreamWithItsExceptionAndStopsTheOthers()
    {
        var failing = new ScriptedTickSource();
        var endless = new ScriptedTickSource();
        failing.Write(Ticks.Trade("00:00:01", 100m, symbol: "A"));
        var boom = new IOException("feed gone");
        failing.End(boom);
        var composite = new CompositeTickSource([failing, endless]);

        var thrown = await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(composite).WaitAsync(Timeout));

        Assert.Same(boom, thrown);
    }

    [Fact]
    public void GetWatermark_EarliestOfTheSources()
    {
        var t = Ticks.Day;
        var early = new ScriptedTickSource(_ => t.AddSeconds(5));
        var late = new ScriptedTickSource(_ => t.AddSeconds(9));

        Assert.Equal(t.AddSeconds(5), new CompositeTickSource([late, early]).GetWatermark(t.AddMinutes(1)));
        Assert.Null(new CompositeTickSource([new ScriptedTickSource(), new ScriptedTickSource()]).GetWatermark(t.AddMinutes(1)));
    }

    [Fact]
    public async Task GetWatermark_SourceWithoutWatermark_IsLeftOutUntilItYieldsItsFirstTick()
    {
        var t = Ticks.Day;
        var live = new ScriptedTickSource(_ => t.AddSeconds(30));
        var offline = new ScriptedTickSource();
        var composite = new CompositeTickSource([live, offline]);
        await using var ticks = composite.ReadAsync().GetAsyncEnumerator();

        Assert.Equal(t.AddSeconds(30), composite.GetWatermark(t.AddMinutes(1)));

        offline.Write(Ticks.Trade("00:00:05", 10m, symbol: "LATE"));
        Assert.True(await ticks.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Null(composite.GetWatermark(t.AddMinutes(1)));
    }

    [Fact]
    public void Constructor_NoSources_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CompositeTickSource([]));
    }

    private static async Task<List<Tick>> ReadAllAsync(CompositeTickSource source)
    {
        var list = new List<Tick>();
        await foreach (var tick in source.ReadAsync())
        {
            list.Add(tick);
        }

        return list;
    }
}
