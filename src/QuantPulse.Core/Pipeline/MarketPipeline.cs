using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline.Internal;
using QuantPulse.Sources;

namespace QuantPulse.Pipeline;

/// <summary>
/// A linked chain <c>source → candles → stages… → consumers</c>, built by <see cref="MarketPipelineBuilder"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every link propagates completion and faults; every block is bounded, so a slow consumer slows the source
/// down instead of losing data. <see cref="RunAsync"/> reads the source to its end, lets every stage drain and
/// returns; a fault anywhere (the source, a stage, a consumer) stops the source and is rethrown by
/// <see cref="RunAsync"/> as the original exception.
/// </para>
/// <para>
/// Observers of <see cref="Updates"/> are the lossy edge: each has its own bounded buffer, and one that falls
/// behind loses its oldest batches (counted in <see cref="DroppedUpdates"/>) rather than slowing the pipeline.
/// </para>
/// </remarks>
public sealed class MarketPipeline
{
    private readonly TickSourcePump _pump;
    private readonly ActionBlock<MarketBatch> _consumer;
    private readonly ObserverHub<MarketBatch> _updates;
    private readonly IReadOnlyList<ITargetBlock<MarketBatch>> _sinks;
    private readonly Task _completion;
    private int _started;

    internal MarketPipeline(
        ITickSource source,
        MarketPipelineOptions options,
        CandleBlock candles,
        IReadOnlyList<IPropagatorBlock<MarketBatch, MarketBatch>> stages,
        IReadOnlyList<Func<MarketBatch, CancellationToken, ValueTask>> consumers,
        IReadOnlyList<ITargetBlock<MarketBatch>> sinks)
    {
        Source = source;
        _sinks = sinks;
        Candles = candles;
        Stages = stages;
        _updates = new ObserverHub<MarketBatch>(options.ObserverBufferSize);
        _pump = new TickSourcePump(source, candles, options.ToPumpOptions());
        _consumer = new ActionBlock<MarketBatch>(
            async batch =>
            {
                foreach (var consume in consumers)
                {
                    await consume(batch, CancellationToken.None).ConfigureAwait(false);
                }

                foreach (var sink in sinks)
                {
                    // SendAsync waits while the sink is full: a slow database slows the pipeline, it loses nothing.
                    if (!await sink.SendAsync(batch).ConfigureAwait(false))
                    {
                        throw SinkDeclined(sink);
                    }
                }

                _updates.Publish(batch);
            },
            new ExecutionDataflowBlockOptions { BoundedCapacity = options.BoundedCapacity, MaxDegreeOfParallelism = 1 });

        var link = new DataflowLinkOptions { PropagateCompletion = true };
        ISourceBlock<MarketBatch> tail = candles;
        foreach (var stage in stages)
        {
            tail.LinkTo(stage, link);
            tail = stage;
        }

        tail.LinkTo(_consumer, link);
        _ = _consumer.Completion.ContinueWith(
            static (t, hub) => ((ObserverHub<MarketBatch>)hub!).Complete(t.Exception?.GetBaseException()),
            _updates,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        foreach (var sink in sinks)
        {
            // A sink that fails between batches must still stop the pipeline, not wait for the next batch to notice.
            _ = sink.Completion.ContinueWith(
                static (task, consumer) => ((IDataflowBlock)consumer!).Fault(task.Exception!.GetBaseException()),
                _consumer,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _completion = CompleteSinksAsync();
    }

    /// <summary>The tick source.</summary>
    public ITickSource Source { get; }

    /// <summary>The candle stage (for its read side: history, forming candles, statistics).</summary>
    public CandleBlock Candles { get; }

    /// <summary>The stages after the candle stage, in order.</summary>
    public IReadOnlyList<IPropagatorBlock<MarketBatch, MarketBatch>> Stages { get; }

    /// <summary>The sinks attached with <see cref="MarketPipelineBuilder.WithSink"/>, in order.</summary>
    public IReadOnlyList<ITargetBlock<MarketBatch>> Sinks => _sinks;

    /// <summary>
    /// Completes when the last stage has handed every batch to the consumers and every sink has finished (for a
    /// storage sink: written everything it accepted), or fails with the pipeline.
    /// </summary>
    /// <remarks>
    /// Sinks are completed, not faulted, when the stream ends for any reason, so what they accepted is still
    /// written after a failure elsewhere. A sink's fault is reported in preference to the failure it caused upstream.
    /// </remarks>
    public Task Completion => _completion;

    /// <summary>
    /// Every batch after all stages and consumers, for observers that may come and go (UIs, alerts). Each
    /// observer runs on its own task with its own bounded buffer; see <see cref="MarketPipelineOptions.ObserverBufferSize"/>.
    /// </summary>
    public IObservable<MarketBatch> Updates => _updates;

    /// <summary>How many batches observers of <see cref="Updates"/> lost because they fell behind.</summary>
    public long DroppedUpdates => _updates.Dropped;

    /// <summary>Reads the source to its end and waits until every stage has drained.</summary>
    /// <param name="cancellationToken">
    /// Stops reading the source; what was already read drains through the stages and the method then returns
    /// normally.
    /// </param>
    /// <returns>A task that completes when the pipeline has drained.</returns>
    /// <exception cref="InvalidOperationException">The pipeline was already run.</exception>
    /// <remarks>The exception of the first failure (source, stage or consumer) is rethrown as it was thrown.</remarks>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A MarketPipeline runs only once; build a new one.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A failed stage can no longer take batches: stop reading the source instead of waiting for space forever.
        _ = _consumer.Completion.ContinueWith(
            static (_, state) => CancelQuietly((CancellationTokenSource)state!),
            stop,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        Exception? pumpError = null;
        try
        {
            await _pump.RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the caller (the stages drain) or by a failed stage (reported below).
        }
#pragma warning disable CA1031 // The failure is rethrown below, after the stages have settled.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            pumpError = ex;
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Rethrown as the root cause below.
        catch (Exception)
#pragma warning restore CA1031
        {
            var root = Completion.Exception?.GetBaseException() ?? pumpError;
            if (root is not null)
            {
                ExceptionDispatchInfo.Capture(root).Throw();
            }

            throw;
        }

        if (pumpError is not null)
        {
            ExceptionDispatchInfo.Capture(pumpError).Throw();
        }
    }

    private static Exception SinkDeclined(ITargetBlock<MarketBatch> sink) =>
        sink.Completion.IsFaulted && sink.Completion.Exception?.GetBaseException() is { } fault
            ? fault
            : new InvalidOperationException($"The sink {sink} stopped accepting batches before the stream ended.");

    private async Task CompleteSinksAsync()
    {
        Exception? consumerError = null;
        try
        {
            await _consumer.Completion.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Rethrown below, after the sinks have drained.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            consumerError = _consumer.Completion.Exception?.GetBaseException() ?? ex;
        }

        foreach (var sink in _sinks)
        {
            sink.Complete();
        }

        Exception? sinkError = null;
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.Completion.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The first sink failure is rethrown below.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                sinkError ??= sink.Completion.Exception?.GetBaseException() ?? ex;
            }
        }

        if ((sinkError ?? consumerError) is { } root)
        {
            ExceptionDispatchInfo.Capture(root).Throw();
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // RunAsync has already returned.
        }
    }
}
