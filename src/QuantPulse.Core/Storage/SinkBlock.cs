using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Internal.Batching;
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
/// <para>The block is a shell around a batching engine shared with other writers: it takes batches off its
/// Dataflow input, and the engine batches, times, retries and pushes back.</para>
/// </remarks>
#pragma warning disable CA1001 // _abort has no timer; the linked sources made from it are disposed where they are created.
public sealed class SinkBlock : ITargetBlock<MarketBatch>
#pragma warning restore CA1001
{
    private readonly IMarketStore _store;
    private readonly SinkBlockOptions _options;
    private readonly ILogger _logger;
    private readonly SinkWriter _writer;
    private readonly BatchEngine<MarketBatch, SinkChunk> _engine;
    private readonly ActionBlock<MarketBatch> _input;
    private readonly ITargetBlock<MarketBatch> _target;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        _writer = new SinkWriter(store);
        _engine = new BatchEngine<MarketBatch, SinkChunk>(
            new SinkBuffer(_options.StoreTicks),
            _writer,
            new BatchEngineSettings(
                _options.BatchSize,
                _options.FlushInterval,
                _options.BufferCapacity,
                _options.RetryDelay,
                _options.MaxRetryAttempts,
                _options.TimeProvider),
            new SinkEvents(_logger));
        _input = new ActionBlock<MarketBatch>(
            batch => _engine.AcceptAsync(batch, _abort.Token),
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
    public SinkStatistics Statistics => new(
        _writer.CandlesWritten,
        _writer.SignalsWritten,
        _writer.TradesWritten,
        _writer.TicksWritten,
        _engine.Writes,
        _engine.Retries,
        _engine.ConsecutiveFailures,
        _engine.Backlog);

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

    private void OnInputCompleted(Task input)
    {
        if (input.IsCompletedSuccessfully)
        {
            _engine.CompleteAdding();
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
            await _engine.RunAsync(_abort.Token).ConfigureAwait(false);
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

    private void Finish(Exception? gaveUp)
    {
        if (gaveUp is not null)
        {
            // Loudly: Completion carries the write error (set first, so whoever is told the block declines finds
            // the reason there), and upstream sees the block decline.
            _abort.Cancel();
            _engine.DropBacklog();
            _completion.TrySetException(gaveUp);
            _target.Fault(gaveUp);
            return;
        }

        var input = _input.Completion;
        if (input.IsFaulted)
        {
            Log.Aborted(_logger, "faulted", _engine.DropBacklog());
            _completion.TrySetException(input.Exception!.InnerExceptions);
        }
        else if (input.IsCanceled)
        {
            Log.Aborted(_logger, "canceled", _engine.DropBacklog());
            _completion.TrySetCanceled(_options.CancellationToken);
        }
        else
        {
            var totals = Statistics;
            Log.Completed(_logger, totals.CandlesWritten, totals.SignalsWritten, totals.TradesWritten, totals.TicksWritten, totals.Retries);
            _completion.TrySetResult();
        }
    }

    /// <summary>The engine's reports, logged as storage events; a failure's stack trace only the first time its type fails.</summary>
    private sealed class SinkEvents(ILogger logger) : IBatchEvents
    {
        public void WriteFailed(Exception error, bool firstOfItsType, int items, int attempt, TimeSpan delay, int backlog) =>
            Log.WriteFailed(logger, firstOfItsType ? error : null, items, attempt, LogText.Error(error), delay, backlog);

        public void WriteRecovered(int attempts, int backlog) => Log.WriteRecovered(logger, attempts, backlog);

        public void GaveUp(Exception error, bool firstOfItsType, int attempts, int backlog) =>
            Log.GaveUp(logger, firstOfItsType ? error : null, attempts, LogText.Error(error), backlog);

        public void BackPressure(int backlog, int capacity) => Log.BackPressure(logger, backlog, capacity);

        public void BackPressureReleased(int backlog) => Log.BackPressureReleased(logger, backlog);
    }
}
