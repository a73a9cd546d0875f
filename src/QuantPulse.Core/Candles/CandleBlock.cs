using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;

namespace QuantPulse.Candles;

/// <summary>
/// The candle stage: takes <see cref="TickBatch"/>es and produces <see cref="MarketBatch"/>es that carry the same
/// ticks plus the candles they closed, for several timeframes per symbol.
/// </summary>
/// <remarks>
/// <para><b>Buckets.</b> A candle covers the half-open UTC bucket <c>[start, start + timeframe)</c>, where
/// <c>start</c> is the tick time rounded down to a multiple of the timeframe since the Unix epoch. Only closed
/// candles are emitted; a closed candle never changes.</para>
/// <para><b>Closing.</b> A bucket closes on the first applied tick of a later bucket of the same symbol, or on a
/// heartbeat (<see cref="TickBatch.Heartbeat"/>) at or after the bucket's end, so a quiet market still closes
/// its minute on time. Each closed candle is placed in the tick stream: <see cref="ClosedCandle.Position"/> is
/// the index of the tick that closed it, or <c>Ticks.Length</c> when a heartbeat closed it. Candles closed at
/// the same position are in order of close time, then symbol (first seen first), then timeframe (shortest first).</para>
/// <para><b>Late ticks.</b> A tick whose bucket in the shortest timeframe has closed (because a newer tick or a
/// heartbeat passed its end) is late: it stays in the output ticks but is applied to no candle, in no
/// timeframe, and is counted in <see cref="CandleStatistics.LateTicks"/>. Because lateness is decided on the
/// shortest timeframe, every coarser candle equals the aggregation of the shorter candles it contains.</para>
/// <para><b>Out-of-order ticks.</b> A tick older than the newest tick of its symbol but inside the open bucket is
/// applied: high, low, volume and tick count take it; open is the tick with the earliest time (the first to
/// arrive wins a tie) and close the tick with the latest time (the last to arrive wins a tie).</para>
/// <para><b>Duplicates.</b> By default (<see cref="DuplicateTickPolicy.KeepAll"/>) equal ticks are separate
/// trades and all count; sources drop protocol duplicates by trade id. With
/// <see cref="DuplicateTickPolicy.DropNotNewer"/> a tick not strictly newer than its symbol's last applied tick
/// is dropped and counted in <see cref="CandleStatistics.DuplicateTicks"/>.</para>
/// <para><b>Invalid ticks</b> (no symbol, non-positive price, negative size, time at or before the Unix epoch or
/// in the last day of the calendar, or a size that would overflow the volume of its candle) are counted in
/// <see cref="CandleStatistics.InvalidTicks"/> and skipped for every timeframe; they never fault the block.</para>
/// <para><b>Gaps.</b> Empty buckets produce no candle unless <see cref="CandleBlockOptions.FillGaps"/> is on;
/// then each empty bucket between two candles, or up to a heartbeat, becomes a flat candle at the previous close
/// with zero volume and <see cref="Candle.TickCount"/> 0.</para>
/// <para><b>Threading.</b> Batches are processed one at a time in arrival order. <see cref="GetHistory"/>,
/// <see cref="GetForming"/>, <see cref="Symbols"/> and <see cref="Statistics"/> are thread-safe and return
/// snapshots taken between batches; they may wait for the batch in progress.</para>
/// <para><b>Completion.</b> <see cref="Complete"/> lets the buffered batches drain, then
/// <see cref="Completion"/> finishes; the candle still forming is not emitted (its bucket is not over) and stays
/// readable through <see cref="GetForming"/>. A batch with <see cref="TickBatch.EndOfStream"/> set (a finished
/// recording) closes every forming candle instead; ticks after it count as late. Cancelling <see cref="CandleBlockOptions.CancellationToken"/> drops
/// buffered batches and ends <see cref="Completion"/> as canceled. A <c>null</c> batch is declined.</para>
/// </remarks>
public sealed class CandleBlock : IPropagatorBlock<TickBatch, MarketBatch>, IReceivableSourceBlock<MarketBatch>
{
    private readonly CandleBlockOptions _options;
    private readonly CandleBuilder _builder;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<ClosedCandle> _closed = [];
    private readonly TransformBlock<TickBatch, MarketBatch> _transform;
    private readonly ITargetBlock<TickBatch> _target;
    private readonly IReceivableSourceBlock<MarketBatch> _source;

    /// <summary>Creates the block.</summary>
    /// <param name="options">The settings; the block keeps a copy. <c>null</c> uses the defaults.</param>
    /// <param name="logger">Receives rate-limited warnings about late, invalid and duplicate ticks.</param>
    public CandleBlock(CandleBlockOptions? options = null, ILogger? logger = null)
    {
        _options = (options ?? new CandleBlockOptions()).Clone();
        _builder = new CandleBuilder(_options);
        _logger = logger ?? NullLogger.Instance;
        _transform = new TransformBlock<TickBatch, MarketBatch>(
            Process,
            new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = _options.BoundedCapacity,
                MaxDegreeOfParallelism = 1,
                EnsureOrdered = true,
                CancellationToken = _options.CancellationToken,
            });
        _target = _transform;
        _source = _transform;
    }

    /// <summary>The timeframes built for every symbol, shortest first.</summary>
    public IReadOnlyList<Timeframe> Timeframes => _options.Timeframes;

    /// <summary>A task that completes when the block has processed and handed on everything, or failed.</summary>
    public Task Completion => _source.Completion;

    /// <summary>How many batches wait to be processed.</summary>
    public int InputCount => _transform.InputCount;

    /// <summary>How many processed batches wait to be taken by a linked target.</summary>
    public int OutputCount => _transform.OutputCount;

    /// <summary>A snapshot of the counters, taken between batches.</summary>
    public CandleStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return _builder.GetStatistics();
            }
        }
    }

    /// <summary>The symbols seen so far, in first-seen order (a snapshot copy).</summary>
    public IReadOnlyList<string> Symbols
    {
        get
        {
            lock (_gate)
            {
                return _builder.GetSymbols();
            }
        }
    }

    /// <summary>The most recent closed candles of one series, oldest first.</summary>
    /// <param name="symbol">The symbol, as the ticks spell it.</param>
    /// <param name="timeframe">One of <see cref="Timeframes"/>.</param>
    /// <returns>
    /// A snapshot copy of at most <see cref="CandleBlockOptions.HistoryLength"/> candles (gap-filled ones
    /// included); empty for a symbol not seen yet.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="timeframe"/> is not one of <see cref="Timeframes"/>.</exception>
    public IReadOnlyList<Candle> GetHistory(string symbol, Timeframe timeframe)
    {
        lock (_gate)
        {
            return _builder.GetHistory(symbol, timeframe);
        }
    }

    /// <summary>The candle of one series whose bucket is still open.</summary>
    /// <param name="symbol">The symbol, as the ticks spell it.</param>
    /// <param name="timeframe">One of <see cref="Timeframes"/>.</param>
    /// <returns>
    /// A snapshot with <see cref="Candle.IsClosed"/> false, or <c>null</c> when the open bucket has no tick yet
    /// or the symbol has not been seen.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="symbol"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="timeframe"/> is not one of <see cref="Timeframes"/>.</exception>
    public Candle? GetForming(string symbol, Timeframe timeframe)
    {
        lock (_gate)
        {
            return _builder.GetForming(symbol, timeframe);
        }
    }

    /// <summary>Stops accepting batches; <see cref="Completion"/> finishes once the buffered ones are handed on.</summary>
    /// <remarks>Calling it again has no further effect.</remarks>
    public void Complete() => _target.Complete();

    /// <summary>Links the output to a target.</summary>
    /// <param name="target">The target.</param>
    /// <param name="linkOptions">The link options; pass <c>PropagateCompletion = true</c> in a pipeline.</param>
    /// <returns>Disposing it removes the link.</returns>
    public IDisposable LinkTo(ITargetBlock<MarketBatch> target, DataflowLinkOptions linkOptions) =>
        _source.LinkTo(target, linkOptions);

    /// <summary>Takes one processed batch that satisfies <paramref name="filter"/>, if there is one.</summary>
    /// <param name="filter">An optional condition.</param>
    /// <param name="item">The batch taken.</param>
    /// <returns>Whether a batch was taken.</returns>
    public bool TryReceive(Predicate<MarketBatch>? filter, [MaybeNullWhen(false)] out MarketBatch item) =>
        _source.TryReceive(filter, out item);

    /// <summary>Takes every processed batch waiting in the output.</summary>
    /// <param name="items">The batches taken.</param>
    /// <returns>Whether any batch was taken.</returns>
    public bool TryReceiveAll([NotNullWhen(true)] out IList<MarketBatch>? items) => _source.TryReceiveAll(out items);

    /// <inheritdoc/>
    public override string ToString() => $"CandleBlock({string.Join(",", _options.Timeframes)})";

    /// <inheritdoc/>
    void IDataflowBlock.Fault(Exception exception) => _target.Fault(exception);

    /// <inheritdoc/>
    DataflowMessageStatus ITargetBlock<TickBatch>.OfferMessage(
        DataflowMessageHeader messageHeader,
        TickBatch messageValue,
        ISourceBlock<TickBatch>? source,
        bool consumeToAccept) =>
        messageValue is null
            ? DataflowMessageStatus.Declined
            : _target.OfferMessage(messageHeader, messageValue, source, consumeToAccept);

    /// <inheritdoc/>
    MarketBatch? ISourceBlock<MarketBatch>.ConsumeMessage(
        DataflowMessageHeader messageHeader,
        ITargetBlock<MarketBatch> target,
        out bool messageConsumed) =>
        _source.ConsumeMessage(messageHeader, target, out messageConsumed);

    /// <inheritdoc/>
    bool ISourceBlock<MarketBatch>.ReserveMessage(DataflowMessageHeader messageHeader, ITargetBlock<MarketBatch> target) =>
        _source.ReserveMessage(messageHeader, target);

    /// <inheritdoc/>
    void ISourceBlock<MarketBatch>.ReleaseReservation(DataflowMessageHeader messageHeader, ITargetBlock<MarketBatch> target) =>
        _source.ReleaseReservation(messageHeader, target);

    private static bool ReachedPowerOfTwo(long before, long after) =>
        after > before && (before == 0 || BitOperations.Log2((ulong)after) > BitOperations.Log2((ulong)before));

    /// <summary>
    /// The block's synchronous core: builds the candles of one tick batch on the caller's thread, exactly as the
    /// block's Dataflow side does for each batch it receives (<c>SynchronousMarketPipeline</c> drives it).
    /// </summary>
    /// <param name="batch">The ticks; batches must come in stream order, from one caller at a time.</param>
    /// <returns>The same ticks with the candles they closed.</returns>
    internal MarketBatch ProcessBatch(TickBatch batch) => Process(batch);

    private MarketBatch Process(TickBatch batch)
    {
        ClosedCandle[] candles;
        CandleStatistics before;
        CandleStatistics after;
        string? lateSymbol;
        long lateTime;
        lock (_gate)
        {
            before = _builder.GetStatistics();
            var ticks = batch.Ticks.Span;
            for (var i = 0; i < ticks.Length; i++)
            {
                _builder.Add(in ticks[i], _closed, i);
            }

            if (batch.Heartbeat is { } heartbeat)
            {
                _builder.Scan(heartbeat, _closed, ticks.Length);
            }

            if (batch.EndOfStream)
            {
                _builder.CloseAll(_closed, ticks.Length);
            }

            candles = _closed.Count == 0 ? [] : [.. _closed];
            _closed.Clear();
            after = _builder.GetStatistics();
            lateSymbol = _builder.LastLateSymbol;
            lateTime = _builder.LastLateTime;
        }

        LogRejections(before, after, lateSymbol, lateTime);
        return new MarketBatch(batch.Ticks, candles, batch.Heartbeat);
    }

    // Logs at the first occurrence and then each time a counter reaches the next power of two.
    private void LogRejections(CandleStatistics before, CandleStatistics after, string? lateSymbol, long lateTime)
    {
        if (ReachedPowerOfTwo(before.LateTicks, after.LateTicks) && lateSymbol is not null)
        {
            Log.LateTicks(_logger, after.LateTicks, lateSymbol, LogText.Time(new DateTimeOffset(lateTime, TimeSpan.Zero)));
        }

        if (ReachedPowerOfTwo(before.InvalidTicks, after.InvalidTicks))
        {
            Log.InvalidTicks(_logger, after.InvalidTicks);
        }

        if (ReachedPowerOfTwo(before.DuplicateTicks, after.DuplicateTicks))
        {
            Log.DuplicateTicks(_logger, after.DuplicateTicks);
        }

        if (ReachedPowerOfTwo(before.GapCandlesSkipped, after.GapCandlesSkipped))
        {
            Log.GapFillLimited(_logger, after.GapCandlesSkipped, _options.MaxGapFill);
        }
    }
}
