using QuantPulse.Internal.Batching;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Internal.Batching;

/// <summary>The engine behind SinkBlock, driven by a manual clock: batching, flush timing, retries and back-pressure.</summary>
public class BatchEngineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_BatchSizeReached_WritesWithoutWaitingForTheClock()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter();
        var engine = Engine(clock, writer, batchSize: 3, flushInterval: TimeSpan.FromMinutes(1));
        var run = engine.RunAsync(CancellationToken.None);

        foreach (var item in new[] { 1, 2, 3, 4 })
        {
            await engine.AcceptAsync([item], CancellationToken.None);
        }

        await writer.Written(1).WaitAsync(Wait);
        engine.CompleteAdding();
        await run.WaitAsync(Wait);

        Assert.Equal([[1, 2, 3], [4]], writer.Chunks);
        Assert.Equal(2, engine.Writes);
        Assert.Equal(0, engine.Backlog);
    }

    [Fact]
    public async Task RunAsync_FewerItemsThanBatchSize_WritesWhenTheOldestHasWaitedTheFlushInterval()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter();
        var engine = Engine(clock, writer, batchSize: 100, flushInterval: TimeSpan.FromSeconds(5));
        var run = engine.RunAsync(CancellationToken.None);

        await engine.AcceptAsync([1], CancellationToken.None);
        await Eventually.TrueAsync(() => clock.ActiveTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await engine.AcceptAsync([2, 3], CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2.999));
        Assert.Empty(writer.Chunks);
        Assert.Equal(3, engine.Backlog);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await writer.Written(1).WaitAsync(Wait);
        engine.CompleteAdding();
        await run.WaitAsync(Wait);

        Assert.Equal([[1, 2, 3]], writer.Chunks);
    }

    [Fact]
    public async Task RunAsync_WriteFails_RetriesTheSameChunkAfterAGrowingDelay()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter { FailuresLeft = 2 };
        var events = new RecordingEvents();
        var engine = Engine(clock, writer, batchSize: 2, events: events);
        var run = engine.RunAsync(CancellationToken.None);

        await engine.AcceptAsync([7, 8], CancellationToken.None);
        await Eventually.TrueAsync(() => events.Lines.Count == 1 && clock.ActiveTimers == 1);
        Assert.Equal(1, engine.ConsecutiveFailures);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => events.Lines.Count == 2 && clock.ActiveTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await writer.Written(1).WaitAsync(Wait);
        engine.CompleteAdding();
        await run.WaitAsync(Wait);

        Assert.Equal([[7, 8], [7, 8], [7, 8]], writer.Attempts);
        Assert.Equal(
            [
                "failed InvalidOperationException first=True items=2 attempt=1 delay=00:00:01 backlog=2",
                "failed InvalidOperationException first=False items=2 attempt=2 delay=00:00:02 backlog=2",
                "recovered attempts=3 backlog=0",
            ],
            events.Lines);
        Assert.Equal((1, 2, 0), (engine.Writes, engine.Retries, engine.ConsecutiveFailures));
    }

    [Fact]
    public async Task RunAsync_RetriesExhausted_FailsWithTheWriteErrorAndKeepsTheBacklogUntilDropped()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter { FailuresLeft = int.MaxValue };
        var events = new RecordingEvents();
        var engine = Engine(clock, writer, batchSize: 1, maxRetryAttempts: 1, events: events);
        var run = engine.RunAsync(CancellationToken.None);

        await engine.AcceptAsync([1], CancellationToken.None);
        await engine.AcceptAsync([2], CancellationToken.None);
        await Eventually.TrueAsync(() => clock.ActiveTimers == 1);
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(Wait));
        Assert.Equal("write 2 failed", error.Message);
        Assert.Equal("gave up InvalidOperationException first=False attempts=2 backlog=2", events.Lines[^1]);
        Assert.Equal(2, engine.DropBacklog());
        Assert.Equal(0, engine.Backlog);
    }

    [Fact]
    public async Task AcceptAsync_BacklogAtCapacity_WaitsUntilAWriteMakesRoom()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var events = new RecordingEvents();
        var engine = Engine(clock, writer, batchSize: 10, bufferCapacity: 3, events: events);
        var run = engine.RunAsync(CancellationToken.None);

        await engine.AcceptAsync([1, 2], CancellationToken.None);
        var full = engine.AcceptAsync([3], CancellationToken.None);
        await Eventually.TrueAsync(() => writer.Attempts.Count == 1);

        Assert.False(full.IsCompleted);
        Assert.Equal(["back-pressure backlog=3 capacity=3"], events.Lines);
        writer.Gate.SetResult();
        await full.WaitAsync(Wait);
        engine.CompleteAdding();
        await run.WaitAsync(Wait);

        Assert.Equal([[1, 2, 3]], writer.Chunks);
        Assert.Equal("released backlog=0", events.Lines[^1]);
    }

    [Fact]
    public async Task RunAsync_Aborted_EndsCanceledWithoutWritingWhatWaits()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter();
        var engine = Engine(clock, writer, batchSize: 10, flushInterval: TimeSpan.FromMinutes(1));
        using var abort = new CancellationTokenSource();
        var run = engine.RunAsync(abort.Token);

        await engine.AcceptAsync([1, 2], CancellationToken.None);
        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Wait));
        Assert.Empty(writer.Chunks);
        Assert.Equal(2, engine.DropBacklog());
    }

    [Fact]
    public async Task AcceptAsync_InputWithNothingToWrite_IsIgnored()
    {
        var clock = new ManualTimeProvider();
        var writer = new RecordingWriter();
        var engine = Engine(clock, writer, batchSize: 1);
        var run = engine.RunAsync(CancellationToken.None);

        await engine.AcceptAsync([], CancellationToken.None);
        engine.CompleteAdding();
        await run.WaitAsync(Wait);

        Assert.Empty(writer.Attempts);
        Assert.Equal(0, engine.Writes);
    }

    private static BatchEngine<int[], int[]> Engine(
        TimeProvider clock,
        RecordingWriter writer,
        int batchSize,
        TimeSpan? flushInterval = null,
        int bufferCapacity = 1000,
        int? maxRetryAttempts = null,
        RecordingEvents? events = null) =>
        new(
            new ListBuffer(),
            writer,
            new BatchEngineSettings(
                batchSize,
                flushInterval ?? TimeSpan.FromSeconds(1),
                bufferCapacity,
                attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)),
                maxRetryAttempts,
                clock),
            events ?? new RecordingEvents());

    /// <summary>Integers queued one item each, taken out in order.</summary>
    private sealed class ListBuffer : IBatchBuffer<int[], int[]>
    {
        private readonly Queue<(int Item, long Timestamp)> _items = new();

        public int Count => _items.Count;

        public long OldestTimestamp => _items.Peek().Timestamp;

        public int Add(int[] input, long timestamp)
        {
            foreach (var item in input)
            {
                _items.Enqueue((item, timestamp));
            }

            return input.Length;
        }

        public (int[] Chunk, int Items) Take(int maxItems)
        {
            var chunk = new List<int>();
            while (chunk.Count < maxItems && _items.TryDequeue(out var next))
            {
                chunk.Add(next.Item);
            }

            return ([.. chunk], chunk.Count);
        }

        public int Clear()
        {
            var dropped = _items.Count;
            _items.Clear();
            return dropped;
        }
    }

    private sealed class RecordingWriter : IBatchWriter<int[]>
    {
        private readonly Lock _gate = new();
        private readonly List<int[]> _chunks = [];
        private readonly List<int[]> _attempts = [];
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

        public int FailuresLeft { get; set; }

        public TaskCompletionSource? Gate { get; init; }

        public List<int[]> Chunks
        {
            get
            {
                lock (_gate)
                {
                    return [.. _chunks];
                }
            }
        }

        public List<int[]> Attempts
        {
            get
            {
                lock (_gate)
                {
                    return [.. _attempts];
                }
            }
        }

        public Task Written(int count)
        {
            lock (_gate)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                Notify();
                return done.Task;
            }
        }

        public async Task WriteAsync(int[] chunk, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _attempts.Add(chunk);
            }

            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            lock (_gate)
            {
                if (FailuresLeft > 0)
                {
                    FailuresLeft--;
                    throw new InvalidOperationException($"write {_attempts.Count} failed");
                }

                _chunks.Add(chunk);
                Notify();
            }
        }

        private void Notify()
        {
            foreach (var (count, done) in _waiters.Where(w => _chunks.Count >= w.Count))
            {
                done.TrySetResult();
            }
        }
    }

    private sealed class RecordingEvents : IBatchEvents
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public List<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public void WriteFailed(Exception error, bool firstOfItsType, int items, int attempt, TimeSpan delay, int backlog) =>
            Add($"failed {error.GetType().Name} first={firstOfItsType} items={items} attempt={attempt} delay={delay} backlog={backlog}");

        public void WriteRecovered(int attempts, int backlog) => Add($"recovered attempts={attempts} backlog={backlog}");

        public void GaveUp(Exception error, bool firstOfItsType, int attempts, int backlog) =>
            Add($"gave up {error.GetType().Name} first={firstOfItsType} attempts={attempts} backlog={backlog}");

        public void BackPressure(int backlog, int capacity) => Add($"back-pressure backlog={backlog} capacity={capacity}");

        public void BackPressureReleased(int backlog) => Add($"released backlog={backlog}");

        private void Add(string line)
        {
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }
}
