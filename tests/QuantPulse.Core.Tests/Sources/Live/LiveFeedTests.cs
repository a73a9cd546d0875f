using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Live;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Live;

public class LiveFeedTests
{
    private readonly ManualTimeProvider _clock = new();

    private LiveFeed Feed(int capacity = 16) =>
        new("test", new SymbolTable(["A", "B"]), capacity, TimeSpan.FromDays(1), _clock, NullLogger.Instance);

    private Tick At(string symbol, int second, decimal price = 10m) => new(symbol, _clock.GetUtcNow().AddMinutes(-10).AddSeconds(second), price, 0m, "test");

    private static List<Tick> Drain(LiveFeed feed)
    {
        var ticks = new List<Tick>();
        while (feed.Reader.TryRead(out var item))
        {
            feed.MarkConsumed(item);
            ticks.Add(item.Tick);
        }

        return ticks;
    }

    [Fact]
    public async Task EmitAsync_KeyNotAboveTheLast_DropsAndCountsADuplicate()
    {
        var feed = Feed();
        await feed.EmitAsync(0, At("A", 1), 1, default);
        await feed.EmitAsync(0, At("A", 2), 2, default);
        await feed.EmitAsync(0, At("A", 2), 2, default);
        await feed.EmitAsync(0, At("A", 1), 1, default);
        await feed.EmitAsync(1, At("B", 1), 1, default);

        Assert.Equal(3, Drain(feed).Count);
        Assert.Equal(2, feed.Statistics.Rejected(TickRejection.Duplicate));
        Assert.Equal(3, feed.Statistics.Accepted);
    }

    [Fact]
    public async Task EmitAsync_InvalidTick_RejectsByReasonWithoutMovingTheKey()
    {
        var feed = Feed();
        await feed.EmitAsync(0, At("A", 5, price: 0m), 5, default);
        await feed.EmitAsync(0, new Tick("A", _clock.GetUtcNow().AddDays(2), 1m, 0m, "test"), 6, default);
        await feed.EmitAsync(0, At("A", 3), 3, default);

        Assert.Single(Drain(feed));
        Assert.Equal(1, feed.Statistics.Rejected(TickRejection.NonPositivePrice));
        Assert.Equal(1, feed.Statistics.Rejected(TickRejection.FutureTime));
    }

    [Fact]
    public async Task EmitBackfillAsync_Always_YieldsHistoryThenHeldBackTicksWithoutDuplicates()
    {
        var feed = Feed();
        await feed.EmitAsync(0, At("A", 1), 1, default);
        feed.Pending(0).AddRange([new KeyedTick(At("A", 4), 4), new KeyedTick(At("A", 5), 5)]);

        var yielded = await feed.EmitBackfillAsync(0, [new KeyedTick(At("A", 1), 1), new KeyedTick(At("A", 2), 2), new KeyedTick(At("A", 3), 3), new KeyedTick(At("A", 4), 4)], default);

        Assert.Equal(3, yielded);
        Assert.Equal([1, 2, 3, 4, 5], Drain(feed).Select(t => (int)(t.Time - At("A", 0).Time).TotalSeconds));
        Assert.Empty(feed.Pending(0));
        Assert.Equal(2, feed.Statistics.Rejected(TickRejection.Duplicate));
    }

    [Fact]
    public async Task GetWatermark_LiveWithAnEmptyBuffer_IsTheClock()
    {
        var feed = Feed();
        feed.Publish(ConnectionState.Live, 0);
        await feed.EmitAsync(0, At("A", 1), 1, default);
        var now = _clock.GetUtcNow();

        Assert.Equal(At("A", 1).Time, feed.GetWatermark(now));
        Drain(feed);
        Assert.Equal(now, feed.GetWatermark(now));
    }

    [Fact]
    public async Task GetWatermark_WhileNotLive_IsTheEarliestLastTickReadOverTheSymbols()
    {
        var feed = Feed();
        feed.Publish(ConnectionState.Reconnecting, 1);
        Assert.Null(feed.GetWatermark(_clock.GetUtcNow()));

        await feed.EmitAsync(0, At("A", 30), 30, default);
        await feed.EmitAsync(1, At("B", 20), 20, default);
        await feed.EmitAsync(0, At("A", 40), 40, default);
        Drain(feed);

        Assert.Equal(At("B", 20).Time, feed.GetWatermark(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task GetWatermark_WithHistoryOfUnknownAgeToCome_IsNullUntilItIsRead()
    {
        var feed = Feed();
        feed.Publish(ConnectionState.Backfilling, 0);
        await feed.EmitAsync(0, At("A", 30), 30, default);
        Drain(feed);
        feed.ExpectHistory(1);

        Assert.Null(feed.GetWatermark(_clock.GetUtcNow()));
        await feed.EmitBackfillAsync(1, [new KeyedTick(At("B", 5), 5)], default);
        Assert.Equal(At("B", 5).Time, feed.GetWatermark(_clock.GetUtcNow()));
        Drain(feed);
        Assert.Equal(At("B", 5).Time, feed.GetWatermark(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task EmitAsync_WithAFullBuffer_WaitsAndCountsTheEvent()
    {
        var feed = Feed(capacity: 1);
        await feed.EmitAsync(0, At("A", 1), 1, default);
        var waiting = feed.EmitAsync(0, At("A", 2), 2, default).AsTask();

        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, feed.Connection.BufferFullEvents);
        var read = Drain(feed);
        await waiting;
        read.AddRange(Drain(feed));
        Assert.Equal(2, read.Count);
        Assert.Equal(2, feed.Statistics.Accepted);
    }
}
