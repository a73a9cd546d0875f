using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>
/// The storage stage: takes <see cref="MarketBatch"/>es and writes what they carry to an <see cref="IMarketStore"/>
/// in batches, retrying failed writes, without ever dropping what it accepted.
/// </summary>
/// <remarks>
/// <para><b>What is stored.</b> Every closed candle, every signal, every trade event (an upsert: the open, then
/// the close) and, with <see cref="SinkBlockOptions.StoreTicks"/>, every tick. Heartbeats carry nothing to store.</para>
/// <para><b>Batching.</b> Items wait in a buffer; a write starts when <see cref="SinkBlockOptions.BatchSize"/>
/// items wait or when the oldest has waited <see cref="SinkBlockOptions.FlushInterval"/>, whichever comes first.
/// One write runs at a time, in arrival order.</para>
/// <para><b>Failures.</b> A failed write is retried with exponential back-off (<see cref="SinkBlockOptions.InitialRetryDelay"/>
/// doubling up to <see cref="SinkBlockOptions.MaxRetryDelay"/>, timed by <see cref="SinkBlockOptions.TimeProvider"/>),
/// every failure logged and counted. A retry resumes with the table that failed: candles and signals are
/// insert-if-absent, trades are upserts that never reopen a closed trade, and the ticks of a write are sent once
/// they have been confirmed never again. By default the block retries for ever; with
/// <see cref="SinkBlockOptions.MaxRetryAttempts"/> it gives up by faulting, never silently.</para>
/// <para><b>Back-pressure.</b> While the database is down the buffer fills up to
/// <see cref="SinkBlockOptions.BufferCapacity"/> items; the block then stops taking batches, its bounded input
/// fills, and upstream <c>SendAsync</c> calls wait. Nothing accepted is dropped.</para>
/// <para><b>Ordering.</b> Writes happen one after another in arrival order, and within a write a trade's close
/// supersedes its open, so a close is never overwritten by an older open; the stores enforce the same rule.</para>
/// <para><b>Completion.</b> After <see cref="Complete"/>, <see cref="Completion"/> finishes once every accepted
/// item has been written (however long the database takes to come back). <c>Fault</c> and
/// <see cref="SinkBlockOptions.CancellationToken"/> abort: waiting items are dropped, with a log entry that
/// says how many, and <see cref="Completion"/> ends faulted or canceled. A <c>null</c> batch is declined.</para>
/// </remarks>
#pragma warning disable CA1001 // _abort has no timer; the linked sources made from it are disposed where they are created.
public sealed class SinkBlock : ITargetBlock<MarketBatch>
#pragma warning restore CA1001
{
    private readonly IMarketStore _store;
    private readonly SinkBlockOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _flushThreshold;
    private readonly ActionBlock<MarketBatch> _input;
    private readonly ITargetBlock<MarketBatch> _target;
    private readonly Lock _gate = new();
    private readonly SinkBuffer _buffer = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<Type> _stacksLogged = [];
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource? _space;
    private int _inFlight;
    private bool _inputDone;
    private bool _backPressured;
    private long _candlesWritten;
    private long _signalsWritten;
    private long _tradesWritten;
    private long _ticksWritten;
    private long _writes;
    private long _retries;
    private int _consecutiveFailures;

    /// <summary>Creates the block and starts its writer.</summary>
    /// <param name="store">Where to write.</param>
    /// <param name="options">The settings; the block keeps a copy. <c>null</c> uses the defaults.</param>
    /// <param name="logger">Receives write failures, back-pressure and completion logs.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public SinkBlock(IMarketStore store, SinkBlockOptions? options = null, ILogger<SinkBlock>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = (options ?? new SinkBlockOptions()).Clone();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = _options.TimeProvider;
        _flushThreshold = Math.Min(_options.BatchSize, _options.BufferCapacity);
        _input = new ActionBlock<MarketBatch>(
            AcceptAsync,
            new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = _options.BoundedCapacity,
                MaxDegreeOfParallelism = 1,
                CancellationToken = _options.CancellationToken,
            });
        _target = _input;
        _ = _input.Completion.ContinueWith(
            static (task, state) => ((SinkBlock)state!).OnInputCompleted(task),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _ = Task.Run(RunWriterAsync);
    }

    /// <summary>Completes when every accepted item is written, or when the block faulted or was canceled.</summary>
    public Task Completion => _completion.Task;

    /// <summary>How many batches wait in the input queue (not yet taken into the buffer).</summary>
    public int InputCount => _input.InputCount;

    /// <summary>A snapshot of the counters.</summary>
    public SinkStatistics Statistics
    {
        get
        {
            int backlog;
            lock (_gate)
            {
                backlog = _buffer.Count + _inFlight;
            }

            return new SinkStatistics(
                Interlocked.Read(ref _candlesWritten),
                Interlocked.Read(ref _signalsWritten),
                Interlocked.Read(ref _tradesWritten),
                Interlocked.Read(ref _ticksWritten),
                Interlocked.Read(ref _writes),
                Interlocked.Read(ref _retries),
                Volatile.Read(ref _consecutiveFailures),
                backlog);
        }
    }

    /// <summary>Stops accepting batches; <see cref="Completion"/> finishes once everything accepted is written.</summary>
    /// <remarks>Calling it again has no further effect.</remarks>
    public void Complete() => _target.Complete();

    /// <inheritdoc/>
    public override string ToString() => $"SinkBlock({_store.Provider})";

    /// <inheritdoc/>
    void IDataflowBlock.Fault(Exception exception) => _target.Fault(exception);

    /// <inheritdoc/>
    DataflowMessageStatus ITargetBlock<MarketBatch>.OfferMessage(
        DataflowMessageHeader messageHeader,
        MarketBatch messageValue,
        ISourceBlock<MarketBatch>? source,
        bool consumeToAccept) =>
        messageValue is null
            ? DataflowMessageStatus.Declined
            : _target.OfferMessage(messageHeader, messageValue, source, consumeToAccept);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Takes the batch into the buffer; when that fills the buffer, stays busy until the backlog drops, which keeps
    // the bounded input full and so makes upstream SendAsync wait.
    private async Task AcceptAsync(MarketBatch batch)
    {
        if (SinkBuffer.CountItems(batch, _options.StoreTicks) == 0)
        {
            return;
        }

        Task? space;
        bool engaged;
        int backlog;
        lock (_gate)
        {
            var wasEmpty = _buffer.Count == 0;
            _buffer.Add(batch, _options.StoreTicks, _time.GetTimestamp());
            if (wasEmpty || _buffer.Count >= _flushThreshold)
            {
                _wake.TrySetResult();
            }

            backlog = _buffer.Count + _inFlight;
            engaged = backlog >= _options.BufferCapacity && !_backPressured;
            _backPressured |= engaged;
            space = WaitForSpace();
        }

        if (engaged)
        {
            Log.BackPressure(_logger, backlog, _options.BufferCapacity);
        }

        while (space is not null)
        {
            await space.WaitAsync(_abort.Token).ConfigureAwait(false);
            lock (_gate)
            {
                space = WaitForSpace();
            }
        }
    }

    // Called under the lock: the task to wait for while the buffer is full, or null when there is room.
    private Task? WaitForSpace()
    {
        if (_buffer.Count + _inFlight < _options.BufferCapacity)
        {
            return null;
        }

        _space ??= NewSignal();
        return _space.Task;
    }

    private void OnInputCompleted(Task input)
    {
        if (input.IsCompletedSuccessfully)
        {
            lock (_gate)
            {
                _inputDone = true;
                _wake.TrySetResult();
            }
        }
        else
        {
            _abort.Cancel();
        }
    }

    private async Task RunWriterAsync()
    {
        Exception? gaveUp = null;
        try
        {
            while (await NextChunkAsync().ConfigureAwait(false) is { } chunk)
            {
                await WriteAsync(chunk).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Fault or cancellation: reported below from the input's completion.
        }
#pragma warning disable CA1031 // Every write failure that ends the writer is reported through Completion.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            gaveUp = ex;
        }

        Finish(gaveUp);
    }

    private async Task<SinkChunk?> NextChunkAsync()
    {
        while (true)
        {
            Task wake;
            TimeSpan wait;
            lock (_gate)
            {
                var count = _buffer.Count;
                if (count >= _flushThreshold || (_inputDone && count > 0))
                {
                    return TakeChunk();
                }

                if (count == 0)
                {
                    if (_inputDone)
                    {
                        return null;
                    }

                    wait = Timeout.InfiniteTimeSpan;
                }
                else
                {
                    var waited = _time.GetElapsedTime(_buffer.OldestTimestamp);
                    if (waited >= _options.FlushInterval)
                    {
                        return TakeChunk();
                    }

                    wait = _options.FlushInterval - waited;
                }

                _wake = NewSignal();
                wake = _wake.Task;
            }

            if (wait == Timeout.InfiniteTimeSpan)
            {
                await wake.WaitAsync(_abort.Token).ConfigureAwait(false);
                continue;
            }

            // The delay's timer is released as soon as either wins, so an idle sink holds no timer.
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            var delay = Task.Delay(wait, _time, delayCancel.Token);
            await Task.WhenAny(wake, delay).ConfigureAwait(false);
            await delayCancel.CancelAsync().ConfigureAwait(false);
            _abort.Token.ThrowIfCancellationRequested();
        }
    }

    // Called under the lock.
    private SinkChunk TakeChunk()
    {
        var chunk = _buffer.Take(_options.BatchSize);
        _inFlight = chunk.ItemCount;
        return chunk;
    }

    private async Task WriteAsync(SinkChunk chunk)
    {
        var attempt = 1;
        while (true)
        {
            try
            {
                await WriteTablesAsync(chunk, _abort.Token).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                Volatile.Write(ref _consecutiveFailures, attempt);
                if (_options.MaxRetryAttempts is { } max && attempt > max)
                {
                    Log.GaveUp(_logger, StackOnce(ex), attempt, LogText.Error(ex), Statistics.Backlog);
                    throw;
                }

                var delay = _options.RetryDelay(attempt);
                Interlocked.Increment(ref _retries);
                Log.WriteFailed(_logger, StackOnce(ex), chunk.ItemCount, attempt, LogText.Error(ex), delay, Statistics.Backlog);
                await Task.Delay(delay, _time, _abort.Token).ConfigureAwait(false);
                attempt++;
            }
        }

        Volatile.Write(ref _consecutiveFailures, 0);
        Interlocked.Increment(ref _writes);
        TaskCompletionSource? space;
        bool released;
        int backlog;
        lock (_gate)
        {
            _inFlight = 0;
            space = _space;
            _space = null;
            backlog = _buffer.Count;
            released = _backPressured && backlog < _options.BufferCapacity;
            _backPressured &= !released;
        }

        space?.TrySetResult();
        if (attempt > 1)
        {
            Log.WriteRecovered(_logger, attempt, backlog);
        }

        if (released)
        {
            Log.BackPressureReleased(_logger, backlog);
        }
    }

    // A failure's type and message go into every warning; its stack trace only the first time that type fails.
    private Exception? StackOnce(Exception exception)
    {
        lock (_stacksLogged)
        {
            return _stacksLogged.Add(exception.GetType()) ? exception : null;
        }
    }

    private async Task WriteTablesAsync(SinkChunk chunk, CancellationToken cancellationToken)
    {
        if (!chunk.CandlesDone && chunk.Candles.Count > 0)
        {
            await _store.Candles.SaveAsync(chunk.Candles, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _candlesWritten, chunk.Candles.Count);
        }

        chunk.CandlesDone = true;
        if (!chunk.SignalsDone && chunk.Signals.Count > 0)
        {
            await _store.Signals.SaveAsync(chunk.Signals, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _signalsWritten, chunk.Signals.Count);
        }

        chunk.SignalsDone = true;
        if (!chunk.TradesDone && chunk.Trades.Count > 0)
        {
            await _store.Trades.UpsertAsync(chunk.Trades, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _tradesWritten, chunk.Trades.Count);
        }

        chunk.TradesDone = true;
        if (!chunk.TicksDone && !chunk.Ticks.IsEmpty)
        {
            await _store.Ticks.SaveAsync(chunk.Ticks, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _ticksWritten, chunk.Ticks.Length);
        }

        chunk.TicksDone = true;
    }

    private void Finish(Exception? gaveUp)
    {
        if (gaveUp is not null)
        {
            // Loudly: Completion carries the write error (set first, so whoever is told the block declines finds
            // the reason there), and upstream sees the block decline.
            _abort.Cancel();
            DropBacklog();
            _completion.TrySetException(gaveUp);
            _target.Fault(gaveUp);
            return;
        }

        var input = _input.Completion;
        if (input.IsFaulted)
        {
            Log.Aborted(_logger, "faulted", DropBacklog());
            _completion.TrySetException(input.Exception!.InnerExceptions);
        }
        else if (input.IsCanceled)
        {
            Log.Aborted(_logger, "canceled", DropBacklog());
            _completion.TrySetCanceled(_options.CancellationToken);
        }
        else
        {
            var totals = Statistics;
            Log.Completed(_logger, totals.CandlesWritten, totals.SignalsWritten, totals.TradesWritten, totals.TicksWritten, totals.Retries);
            _completion.TrySetResult();
        }
    }

    private int DropBacklog()
    {
        lock (_gate)
        {
            var dropped = _buffer.Clear() + _inFlight;
            _inFlight = 0;
            return dropped;
        }
    }
}
