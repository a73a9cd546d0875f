using System.Runtime.CompilerServices;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline.Internal;
using QuantPulse.Sources;
using QuantPulse.Tests.Testing;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Pipeline;

public class TickSourcePumpTests
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_SourceAlwaysReady_SendsFullBatchesThenTheRestAndCompletesTarget()
    {
        var ticks = Enumerable.Range(0, 1300).Select(i => Trade(At("10:00:00").AddMilliseconds(i * 10), 100m + i)).ToArray();
        var source = new ScriptedTickSource();
        source.Write(ticks);
        source.End();
        var target = new BufferBlock<TickBatch>();

        await new TickSourcePump(source, target, new TickSourcePumpOptions { MaxBatchSize = 512 }).RunAsync().WaitAsync(HangTimeout);

        Assert.True(target.TryReceiveAll(out var batches));
        Assert.Equal([512, 512, 276], batches.Select(b => b.Ticks.Length));
        Assert.All(batches, b => Assert.Null(b.Heartbeat));
        Assert.Equal(ticks, batches.SelectMany(b => b.Ticks.ToArray()));
        await target.Completion.WaitAsync(HangTimeout);
    }

    [Fact]
    public async Task RunAsync_CanceledWhileSendingAndTheSourceIsReading_EndsCanceledAndStopsTheRead()
    {
        using var cts = new CancellationTokenSource();
        var source = new ScriptedTickSource();
        source.Write(Trade("10:00:01", 1m));
        var target = new RefusingTarget();

        var run = new TickSourcePump(source, target).RunAsync(cts.Token);
        await target.Offered.Task.WaitAsync(HangTimeout); // the tick is being sent while the source waits for the next
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(HangTimeout));
    }

    [Fact]
    public async Task RunAsync_SourceWouldBlock_SendsThePartialBatchAtOnce()
    {
        var source = new ScriptedTickSource();
        var target = new BufferBlock<TickBatch>();
        source.Write(Trade("10:00:01", 1m), Trade("10:00:02", 2m), Trade("10:00:03", 3m));

        var run = new TickSourcePump(source, target).RunAsync();
        var first = await target.ReceiveAsync(HangTimeout);
        source.Write(Trade("10:00:04", 4m), Trade("10:00:05", 5m));
        var second = await target.ReceiveAsync(HangTimeout);
        source.End();
        await run.WaitAsync(HangTimeout);

        Assert.Equal([1m, 2m, 3m], first.Ticks.ToArray().Select(t => t.Price));
        Assert.Equal([4m, 5m], second.Ticks.ToArray().Select(t => t.Price));
        await target.Completion.WaitAsync(HangTimeout);
    }

    [Fact]
    public async Task RunAsync_IdleSource_SendsHeartbeatOnEveryIntervalBehindTheClockByCloseDelay()
    {
        var time = new ManualTimeProvider(At("10:00:00"));
        var source = new ScriptedTickSource(now => now);
        var target = new BufferBlock<TickBatch>();
        source.Write(Trade("09:59:59", 1m));

        var run = Pump(source, target, time).RunAsync();
        var first = await target.ReceiveAsync(HangTimeout);
        var heartbeats = new List<TickBatch>();
        for (var i = 0; i < 3; i++)
        {
            await Eventually.TrueAsync(() => time.ActiveTimers == 1);
            time.Advance(TimeSpan.FromSeconds(1));
            heartbeats.Add(await target.ReceiveAsync(HangTimeout));
        }

        source.End();
        await run.WaitAsync(HangTimeout);

        Assert.Equal((1, (DateTimeOffset?)null), (first.Ticks.Length, first.Heartbeat));
        Assert.Equal(
            [(0, At("09:59:59")), (0, At("10:00:00")), (0, At("10:00:01"))],
            heartbeats.Select(b => (b.Ticks.Length, b.Heartbeat!.Value)));
        Assert.Equal(0, target.Count);
    }

    [Fact]
    public async Task RunAsync_WatermarkBehindClock_SendsTheWatermarkOnceUntilItMoves()
    {
        var time = new ManualTimeProvider(At("10:00:00"));
        var watermark = At("09:30:00");
        var source = new ScriptedTickSource(_ => watermark);
        var target = new BufferBlock<TickBatch>();

        var run = Pump(source, target, time).RunAsync();
        await Tick(time);
        var first = await target.ReceiveAsync(HangTimeout);
        await Tick(time);
        await Eventually.TrueAsync(() => time.ActiveTimers == 1);
        var repeated = target.Count;
        watermark = At("09:30:05");
        await Tick(time);
        var moved = await target.ReceiveAsync(HangTimeout);
        source.End();
        await run.WaitAsync(HangTimeout);

        Assert.Equal(At("09:30:00"), first.Heartbeat);
        Assert.Equal(0, repeated);
        Assert.Equal(At("09:30:05"), moved.Heartbeat);
    }

    [Fact]
    public async Task RunAsync_NoWatermark_SendsNoHeartbeat()
    {
        var time = new ManualTimeProvider(At("10:00:00"));
        var source = new ScriptedTickSource();
        var target = new BufferBlock<TickBatch>();

        var run = Pump(source, target, time).RunAsync();
        for (var i = 0; i < 3; i++)
        {
            await Tick(time);
        }

        await Eventually.TrueAsync(() => time.ActiveTimers == 1);
        var idle = target.Count;
        source.Write(Trade("10:00:03", 1m));
        var batch = await target.ReceiveAsync(HangTimeout);
        source.End();
        await run.WaitAsync(HangTimeout);

        Assert.Equal(0, idle);
        Assert.Equal((1, (DateTimeOffset?)null), (batch.Ticks.Length, batch.Heartbeat));
    }

    [Fact]
    public async Task RunAsync_BusySource_AttachesTheDueHeartbeatToTheNextBatch()
    {
        var time = new ManualTimeProvider(At("10:00:00"));
        var source = new ClockedTickSource(time, count: 10, step: TimeSpan.FromMilliseconds(600));
        var target = new BufferBlock<TickBatch>();
        var options = new TickSourcePumpOptions { MaxBatchSize = 4, CloseDelay = TimeSpan.Zero, TimeProvider = time };

        await new TickSourcePump(source, target, options).RunAsync().WaitAsync(HangTimeout);

        Assert.True(target.TryReceiveAll(out var batches));
        Assert.Equal(
            [(4, At("10:00:02.4")), (4, At("10:00:04.8")), (2, At("10:00:06"))],
            batches.Select(b => (b.Ticks.Length, b.Heartbeat!.Value)));
    }

    [Fact]
    public async Task RunAsync_SourceThrows_FaultsTargetAndRethrows()
    {
        var source = new ScriptedTickSource();
        var target = new BufferBlock<TickBatch>();
        var error = new InvalidDataException("feed broke");
        source.Write(Trade("10:00:01", 1m));
        source.End(error);

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => new TickSourcePump(source, target).RunAsync().WaitAsync(HangTimeout));

        Assert.Same(error, thrown);
        var fault = await Assert.ThrowsAsync<InvalidDataException>(() => target.Completion.WaitAsync(HangTimeout));
        Assert.Same(error, fault);
    }

    [Fact]
    public async Task RunAsync_Cancelled_CompletesTargetAndEndsCanceled()
    {
        var time = new ManualTimeProvider(At("10:00:00"));
        var source = new ScriptedTickSource(now => now);
        var target = new BufferBlock<TickBatch>();
        using var cts = new CancellationTokenSource();

        var run = Pump(source, target, time).RunAsync(cts.Token);
        await Eventually.TrueAsync(() => time.ActiveTimers == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(HangTimeout));
        Assert.True(run.IsCanceled);
        await target.Completion.WaitAsync(HangTimeout);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public async Task RunAsync_BoundedTarget_WaitsForSpaceAndLosesNothing()
    {
        var ticks = Enumerable.Range(0, 10).Select(i => Trade(At("10:00:00").AddSeconds(i), 1m + i)).ToArray();
        var source = new ScriptedTickSource();
        source.Write(ticks);
        source.End();
        var target = new BufferBlock<TickBatch>(new DataflowBlockOptions { BoundedCapacity = 1 });

        var run = new TickSourcePump(source, target, new TickSourcePumpOptions { MaxBatchSize = 2 }).RunAsync();
        await Eventually.TrueAsync(() => target.Count == 1);
        var blocked = !run.IsCompleted;
        var received = new List<Tick>();
        while (await target.OutputAvailableAsync().WaitAsync(HangTimeout))
        {
            received.AddRange((await target.ReceiveAsync()).Ticks.ToArray());
        }

        await run.WaitAsync(HangTimeout);
        Assert.True(blocked);
        Assert.Equal(ticks, received);
    }

    [Fact]
    public async Task RunAsync_TargetAlreadyCompleted_ThrowsInvalidOperation()
    {
        var source = new ScriptedTickSource();
        source.Write(Trade("10:00:01", 1m));
        source.End();
        var target = new BufferBlock<TickBatch>();
        target.Complete();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new TickSourcePump(source, target).RunAsync().WaitAsync(HangTimeout));

        Assert.Contains("declined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TargetFaultsWhileThePumpWaitsForSpace_Throws()
    {
        var source = new ScriptedTickSource();
        source.Write(Trade("10:00:01", 1m), Trade("10:00:02", 2m), Trade("10:00:03", 3m));
        var target = new BufferBlock<TickBatch>(new DataflowBlockOptions { BoundedCapacity = 1 });

        var run = new TickSourcePump(source, target, new TickSourcePumpOptions { MaxBatchSize = 1 }).RunAsync();
        await Eventually.TrueAsync(() => target.Count == 1);
        ((IDataflowBlock)target).Fault(new InvalidDataException("downstream broke"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(HangTimeout));
    }

    [Fact]
    public async Task RunAsync_CalledTwice_SecondCallThrows()
    {
        var source = new ScriptedTickSource();
        source.End();
        var pump = new TickSourcePump(source, new BufferBlock<TickBatch>());
        await pump.RunAsync().WaitAsync(HangTimeout);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pump.RunAsync());
    }

    [Fact]
    public void Options_OutOfRange_ThrowArgumentOutOfRange()
    {
        Assert.Equal("MaxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TickSourcePumpOptions { MaxBatchSize = 0 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickSourcePumpOptions { MaxBatchSize = TickSourcePumpOptions.MaxBatchSizeLimit + 1 });
        Assert.Equal("HeartbeatInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new TickSourcePumpOptions { HeartbeatInterval = TimeSpan.Zero }).ParamName);
        Assert.Equal("CloseDelay", Assert.Throws<ArgumentOutOfRangeException>(() => new TickSourcePumpOptions { CloseDelay = TimeSpan.FromSeconds(-1) }).ParamName);
        Assert.Throws<ArgumentNullException>(() => new TickSourcePumpOptions { TimeProvider = null! });
        Assert.InRange(TickSourcePumpOptions.MaxBatchSizeLimit, 512, 84_000);
    }

    [Fact]
    public async Task RunAsync_IntoCandleBlockWithQuietMarket_ClosesTheMinuteWhenTheClockPassesItsEndPlusCloseDelay()
    {
        var time = new ManualTimeProvider(At("10:00:10"));
        var source = new ScriptedTickSource(now => now);
        var block = new CandleBlock();
        var output = new BufferBlock<MarketBatch>();
        block.LinkTo(output, new DataflowLinkOptions { PropagateCompletion = true });
        source.Write(Trade("10:00:10", 100m, 2m));

        var run = Pump(source, block, time).RunAsync();
        var first = await output.ReceiveAsync(HangTimeout);
        var batches = new List<MarketBatch>();
        while (time.GetUtcNow() < At("10:01:02"))
        {
            await Tick(time);
            batches.Add(await output.ReceiveAsync(HangTimeout));
        }

        source.End();
        await run.WaitAsync(HangTimeout);
        await block.Completion.WaitAsync(HangTimeout);

        Assert.Empty(first.Candles);
        Assert.Equal(52, batches.Count);
        Assert.All(batches[..^1], b => Assert.Empty(b.Candles));
        Assert.Equal(At("10:01:00"), batches[^1].Heartbeat);
        var closed = Assert.Single(batches[^1].Candles);
        Assert.Equal(0, closed.Position);
        Assert.Equal(new Candle("R_100", Timeframe.OneMinute, At("10:00"), 100m, 100m, 100m, 100m, 2m, 1, true), closed.Candle);
    }

    private static TickSourcePump Pump(ITickSource source, ITargetBlock<TickBatch> target, ManualTimeProvider time) =>
        new(source, target, new TickSourcePumpOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            CloseDelay = TimeSpan.FromSeconds(2),
            TimeProvider = time,
        });

    // Moves the clock one heartbeat interval once the pump waits on its timer.
    private static async Task Tick(ManualTimeProvider time)
    {
        await Eventually.TrueAsync(() => time.ActiveTimers == 1);
        time.Advance(TimeSpan.FromSeconds(1));
    }

    // A busy feed: every tick is ready at once, and the clock moves by 'step' before each one.
    private sealed class ClockedTickSource(ManualTimeProvider time, int count, TimeSpan step) : ITickSource
    {
        public string Name => "clocked";

        public TickSourceStatistics Statistics { get; } = new();

        public DateTimeOffset? GetWatermark(DateTimeOffset now) => now;

        public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < count; i++)
            {
                time.Advance(step);
                yield return Trade(time.GetUtcNow(), 1m + i);
            }

            await Task.CompletedTask;
        }
    }

    /// <summary>A target that postpones every batch, so a sender waits until it gives up.</summary>
    private sealed class RefusingTarget : ITargetBlock<TickBatch>
    {
        public TaskCompletionSource Offered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completion => Task.CompletedTask;

        public void Complete()
        {
        }

        public void Fault(Exception exception)
        {
        }

        public DataflowMessageStatus OfferMessage(DataflowMessageHeader messageHeader, TickBatch messageValue, ISourceBlock<TickBatch>? source, bool consumeToAccept)
        {
            Offered.TrySetResult();
            return DataflowMessageStatus.Postponed;
        }
    }
}
