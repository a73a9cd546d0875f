using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks.Dataflow;
using QuantPulse.Model;

namespace QuantPulse.Dataflow;

/// <summary>
/// The Dataflow shell the market stages share (indicators, signals, paper trading): a bounded transform that hands
/// each <see cref="MarketBatch"/> to the stage one at a time, in order, and offers the result to linked targets.
/// </summary>
/// <remarks>
/// A <c>null</c> batch is declined. Safe to use from several producers, as any Dataflow block. Stop gracefully with
/// <see cref="Complete"/> and await <see cref="Completion"/>; the stage options' token aborts.
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1033:Interface methods should be callable by child types",
    Justification = "Only the sealed stages of this assembly derive (the constructor is private protected); the Dataflow protocol methods stay explicit as on Dataflow's own blocks.")]
public abstract class MarketBatchBlock : IPropagatorBlock<MarketBatch, MarketBatch>, IReceivableSourceBlock<MarketBatch>
{
    private readonly TransformBlock<MarketBatch, MarketBatch> _block;

    /// <summary>Creates the shell; the stage's <see cref="Process"/> runs for each batch, one at a time.</summary>
    private protected MarketBatchBlock(int boundedCapacity, CancellationToken cancellationToken)
    {
        _block = new TransformBlock<MarketBatch, MarketBatch>(
            Process,
            new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = boundedCapacity,
                CancellationToken = cancellationToken,
                MaxDegreeOfParallelism = 1,
                EnsureOrdered = true,
            });
    }

    /// <summary>How many batches wait to be processed.</summary>
    public int InputCount => _block.InputCount;

    /// <summary>How many processed batches wait to be taken by a linked target.</summary>
    public int OutputCount => _block.OutputCount;

    /// <inheritdoc/>
    public Task Completion => _block.Completion;

    /// <summary>Stops accepting batches; <see cref="Completion"/> finishes once the buffered ones are handed on.</summary>
    /// <remarks>Calling it again has no further effect.</remarks>
    public void Complete() => _block.Complete();

    /// <inheritdoc/>
    void IDataflowBlock.Fault(Exception exception) => ((IDataflowBlock)_block).Fault(exception);

    /// <inheritdoc/>
    public IDisposable LinkTo(ITargetBlock<MarketBatch> target, DataflowLinkOptions linkOptions) =>
        _block.LinkTo(target, linkOptions);

    /// <inheritdoc/>
    public bool TryReceive(Predicate<MarketBatch>? filter, [MaybeNullWhen(false)] out MarketBatch item) =>
        _block.TryReceive(filter, out item);

    /// <inheritdoc/>
    public bool TryReceiveAll([NotNullWhen(true)] out IList<MarketBatch>? items) => _block.TryReceiveAll(out items);

    /// <inheritdoc/>
    DataflowMessageStatus ITargetBlock<MarketBatch>.OfferMessage(
        DataflowMessageHeader messageHeader, MarketBatch messageValue, ISourceBlock<MarketBatch>? source, bool consumeToAccept) =>
        messageValue is null
            ? DataflowMessageStatus.Declined
            : ((ITargetBlock<MarketBatch>)_block).OfferMessage(messageHeader, messageValue, source, consumeToAccept);

    /// <inheritdoc/>
    MarketBatch? ISourceBlock<MarketBatch>.ConsumeMessage(
        DataflowMessageHeader messageHeader, ITargetBlock<MarketBatch> target, out bool messageConsumed) =>
        ((ISourceBlock<MarketBatch>)_block).ConsumeMessage(messageHeader, target, out messageConsumed);

    /// <inheritdoc/>
    bool ISourceBlock<MarketBatch>.ReserveMessage(DataflowMessageHeader messageHeader, ITargetBlock<MarketBatch> target) =>
        ((ISourceBlock<MarketBatch>)_block).ReserveMessage(messageHeader, target);

    /// <inheritdoc/>
    void ISourceBlock<MarketBatch>.ReleaseReservation(DataflowMessageHeader messageHeader, ITargetBlock<MarketBatch> target) =>
        ((ISourceBlock<MarketBatch>)_block).ReleaseReservation(messageHeader, target);

    /// <summary>
    /// The stage's synchronous core: its work on one batch, on the caller's thread, exactly as the block's Dataflow
    /// side runs it for each batch it receives. <c>SynchronousMarketPipeline</c> drives blocks through it, so a
    /// whole-file run and a live run go through the same code.
    /// </summary>
    /// <param name="batch">The batch; batches must come in stream order, from one caller at a time.</param>
    /// <returns>The batch to pass on (the same instance when the stage adds nothing).</returns>
    internal MarketBatch ProcessBatch(MarketBatch batch) => Process(batch);

    /// <summary>The stage's work on one batch: the batch to pass on (the same instance when the stage adds nothing).</summary>
    private protected abstract MarketBatch Process(MarketBatch batch);
}
