using QuantPulse.Dashboard.Feed;

namespace QuantPulse.Dashboard.Tests.Feed;

public sealed class FeedQueueTests
{
    [Fact]
    public void Enqueue_TicksBeyondCapacity_DropsTheOldestTicksAndCountsThem()
    {
        using var queue = new FeedQueue(tickCapacity: 3, eventCapacity: 10);

        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue(Message("t" + i, isTick: true));
        }

        Assert.Equal("t2", Text(queue.TryDequeue(out var dropped)));
        Assert.Equal(2, dropped);
        Assert.Equal("t3", Text(queue.TryDequeue(out dropped)));
        Assert.Equal(0, dropped);
        Assert.Equal(2, queue.DroppedTotal);
        Assert.False(queue.Overflowed);
    }

    [Fact]
    public void Enqueue_TicksAndEvents_DequeuesInArrivalOrderAndNeverDropsEvents()
    {
        using var queue = new FeedQueue(tickCapacity: 1, eventCapacity: 10);

        queue.Enqueue(Message("t0", isTick: true));
        queue.Enqueue(Message("c0", isTick: false));
        queue.Enqueue(Message("t1", isTick: true));
        queue.Enqueue(Message("c1", isTick: false));

        Assert.Equal("c0", Text(queue.TryDequeue(out var dropped)));
        Assert.Equal(1, dropped);
        Assert.Equal("t1", Text(queue.TryDequeue(out _)));
        Assert.Equal("c1", Text(queue.TryDequeue(out _)));
        Assert.Null(queue.TryDequeue(out _));
    }

    [Fact]
    public async Task Enqueue_EventsBeyondCapacity_OverflowsAndDequeueEndsWithNull()
    {
        using var queue = new FeedQueue(tickCapacity: 10, eventCapacity: 2);

        queue.Enqueue(Message("c0", isTick: false));
        queue.Enqueue(Message("c1", isTick: false));
        queue.Enqueue(Message("c2", isTick: false));

        Assert.True(queue.Overflowed);
        var take = await queue.DequeueAsync(CancellationToken.None);
        Assert.Null(take.Message);
    }

    [Fact]
    public async Task DequeueAsync_AfterEnqueue_ReturnsTheMessage()
    {
        using var queue = new FeedQueue(tickCapacity: 2, eventCapacity: 2);
        var waiting = queue.DequeueAsync(CancellationToken.None);

        queue.Enqueue(Message("c0", isTick: false));

        Assert.Equal("c0", Text((await waiting).Message));
    }

    [Fact]
    public void Enqueue_AfterTheClientLeft_IgnoredWithoutThrowing()
    {
        var queue = new FeedQueue(tickCapacity: 2, eventCapacity: 2);
        queue.Dispose();

        Assert.Equal(0, queue.Enqueue(Message("t0", isTick: true)));
        Assert.Equal(0, queue.Enqueue(Message("c0", isTick: false)));
        Assert.Null(queue.TryDequeue(out _));
        queue.Dispose();
    }

    private static FeedMessage Message(string text, bool isTick) => new(System.Text.Encoding.UTF8.GetBytes(text), isTick, 0);

    private static string? Text(FeedMessage? message) => message is null ? null : System.Text.Encoding.UTF8.GetString(message.Json.Span);
}
