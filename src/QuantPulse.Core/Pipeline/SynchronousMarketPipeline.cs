using QuantPulse.Candles;
using QuantPulse.Dataflow;
using QuantPulse.Model;

namespace QuantPulse.Pipeline;

/// <summary>
/// The stages of a <see cref="MarketPipeline"/> run on the caller's thread: each call takes a batch of ticks through
/// the candle stage and every further stage, in order, and hands the resulting <see cref="MarketBatch"/> back.
/// Built by <see cref="MarketPipelineBuilder.BuildSynchronous"/>.
/// </summary>
/// <remarks>
/// <para>
/// For whole files, where the caller reads the ticks itself and there is nobody to wait for: no pump, no heartbeats
/// unless the caller passes them, no hand-off between threads. The stages are the same blocks the Dataflow pipeline
/// links, with the same options, driven through their synchronous cores, so a batch gives exactly the candles,
/// indicator values, signals and trade events it would give in the Dataflow pipeline (ordering, late, invalid and
/// duplicate ticks, rejections and their counters included). The blocks are never linked: read their statistics
/// through <see cref="Candles"/> and <see cref="Stages"/>, and do not send them batches.
/// </para>
/// <para>
/// Not thread-safe: one caller, batches in stream order. The returned batch shares the ticks' memory; it is valid as
/// long as the caller keeps the ticks. An exception from a stage (a strategy that throws, a wiring error) propagates
/// to the caller; the pipeline should then be abandoned.
/// </para>
/// </remarks>
public sealed class SynchronousMarketPipeline
{
    private readonly MarketBatchBlock[] _stages;
    private readonly bool _closeCandlesAtEnd;
    private bool _completed;

    internal SynchronousMarketPipeline(CandleBlock candles, MarketBatchBlock[] stages, bool closeCandlesAtEnd)
    {
        Candles = candles;
        _stages = stages;
        _closeCandlesAtEnd = closeCandlesAtEnd;
    }

    /// <summary>The candle stage (for its statistics, history and forming candles).</summary>
    public CandleBlock Candles { get; }

    /// <summary>The stages after the candle stage, in order (for their statistics).</summary>
    public IReadOnlyList<MarketBatchBlock> Stages => _stages;

    /// <summary>Takes ticks through every stage.</summary>
    /// <param name="ticks">The next ticks of the stream, in arrival order.</param>
    /// <param name="heartbeat">A clock reading after these ticks (closes candles and expires trades as in the Dataflow pipeline), or null.</param>
    /// <returns>The ticks with the candles, indicator values, signals and trade events they produced.</returns>
    /// <exception cref="InvalidOperationException">The stream was already completed.</exception>
    public MarketBatch Process(ReadOnlyMemory<Tick> ticks, DateTimeOffset? heartbeat = null)
    {
        ThrowIfCompleted();
        return Run(new TickBatch(ticks, heartbeat));
    }

    /// <summary>
    /// Ends the stream: with <see cref="MarketPipelineOptions.CloseCandlesAtEnd"/>, every forming candle closes (and
    /// goes through the stages); the blocks are completed.
    /// </summary>
    /// <param name="heartbeat">A last clock reading, or null.</param>
    /// <returns>The last batch (without ticks).</returns>
    /// <exception cref="InvalidOperationException">The stream was already completed.</exception>
    public MarketBatch Complete(DateTimeOffset? heartbeat = null)
    {
        ThrowIfCompleted();
        var last = Run(new TickBatch(ReadOnlyMemory<Tick>.Empty, heartbeat, _closeCandlesAtEnd));
        _completed = true;
        Candles.Complete();
        foreach (var stage in _stages)
        {
            stage.Complete();
        }

        return last;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(SynchronousMarketPipeline)}[{Candles}{string.Concat(_stages.Select(s => " → " + s))}]";

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The stream of this SynchronousMarketPipeline has been completed; build a new one.");
        }
    }

    private MarketBatch Run(TickBatch ticks)
    {
        var batch = Candles.ProcessBatch(ticks);
        foreach (var stage in _stages)
        {
            batch = stage.ProcessBatch(batch);
        }

        return batch;
    }
}
