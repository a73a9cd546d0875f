using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Indicators;
using QuantPulse.Internal;
using QuantPulse.Model;
using QuantPulse.Pipeline;

namespace QuantPulse.Signals;

/// <summary>
/// The signal stage: runs a strategy on every closed candle of every series and adds the signals it raises to
/// each <see cref="MarketBatch"/>, at their candle's position in the tick stream.
/// </summary>
/// <remarks>
/// <para>
/// Each series (symbol and timeframe) gets its own <see cref="IStrategy"/> from the <see cref="StrategySpec"/>,
/// created when the series is first seen. Candles need their indicator values
/// (<see cref="ClosedCandle.Indicators"/>) with every column in <see cref="Indicators"/>: put an
/// <see cref="IndicatorBlock"/> before this block, or use <see cref="MarketPipelineBuilder.WithStrategy(StrategySpec, SignalBlockOptions?)"/>,
/// which does it. A missing column is a wiring error and faults the block (candles without values are fine only
/// when nothing is needed: a custom strategy with percentage levels).
/// </para>
/// <para>
/// A raised signal is checked before it goes on: a stop at the entry, impossible levels, a reward-to-risk ratio
/// below <see cref="RiskRewardOptions.MinRiskReward"/> or a confidence below
/// <see cref="SignalBlockOptions.MinConfidence"/> drop it; each drop is counted by reason in
/// <see cref="Statistics"/> and logged (event 4002). Every signal that goes on is logged with all its fields
/// as structured values (event 4001). Signals already in a batch (from an earlier signal stage) are kept, and
/// the new ones merged in by position. A batch without candles is passed on as the same instance.
/// </para>
/// <para>
/// Batches are processed one at a time, in order. An exception from the strategy faults the block, and the fault
/// travels down the pipeline. Stop gracefully with <see cref="Complete"/> and await <see cref="Completion"/>;
/// the options' token aborts. Safe to use from several producers, as any Dataflow block.
/// </para>
/// </remarks>
public sealed class SignalBlock : IPropagatorBlock<MarketBatch, MarketBatch>, IReceivableSourceBlock<MarketBatch>
{
    private readonly TransformBlock<MarketBatch, MarketBatch> _block;
    private readonly SignalEngine _engine;
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly double _minRiskReward;

    /// <summary>Creates the block.</summary>
    /// <param name="strategy">The strategy to run.</param>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <param name="logger">Where signals and drops are logged; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is null.</exception>
    public SignalBlock(StrategySpec strategy, SignalBlockOptions? options = null, ILogger<SignalBlock>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        options ??= new SignalBlockOptions();
        Strategy = strategy;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _minRiskReward = options.RiskReward.MinRiskReward;
        _engine = new SignalEngine(strategy, options.RiskReward, options.MinConfidence);
        _block = new TransformBlock<MarketBatch, MarketBatch>(
            Process,
            new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = options.BoundedCapacity,
                CancellationToken = options.CancellationToken,
                MaxDegreeOfParallelism = 1,
                EnsureOrdered = true,
            });
    }

    /// <summary>The strategy this block runs.</summary>
    public StrategySpec Strategy { get; }

    /// <summary>The indicators every candle must carry: the strategy's and, for ATR-based levels, the ATR.</summary>
    public IReadOnlyList<IndicatorSpec> Indicators => _engine.Indicators;

    /// <summary>A snapshot of the counters: candles evaluated, signals raised and dropped by reason.</summary>
    public SignalStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return _engine.Statistics;
            }
        }
    }

    /// <summary>How many series (symbol and timeframe pairs) the block has seen.</summary>
    public int SeriesCount
    {
        get
        {
            lock (_gate)
            {
                return _engine.SeriesCount;
            }
        }
    }

    /// <summary>How many batches wait to be processed.</summary>
    public int InputCount => _block.InputCount;

    /// <summary>How many processed batches wait to be taken.</summary>
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

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(SignalBlock)}[{Strategy}]";

    private MarketBatch Process(MarketBatch batch)
    {
        var candles = batch.Candles;
        if (candles.Count == 0)
        {
            return batch;
        }

        List<RaisedSignal>? raised = null;
        lock (_gate)
        {
            foreach (var closed in candles)
            {
                var outcome = _engine.Evaluate(closed.Candle, closed.Indicators);
                if (outcome.NewSeries)
                {
                    Log.SeriesStarted(_logger, Strategy.Id, closed.Candle.Symbol, closed.Candle.Timeframe);
                }

                if (outcome.Signal is not { } signal)
                {
                    continue;
                }

                if (outcome.Rejection == SignalRejection.None)
                {
                    (raised ??= []).Add(new RaisedSignal(signal, closed.Position));
                    LogRaised(signal);
                }
                else
                {
                    LogDropped(signal, outcome.Rejection, _engine.Statistics.Dropped(outcome.Rejection));
                }
            }
        }

        return raised is null ? batch : batch.WithSignals(PositionMerge.Merge(batch.Signals, raised, static s => s.Position));
    }

    private void LogRaised(Signal signal)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var type = SignalTypeText.Of(signal.Type);
        var timeframe = signal.Timeframe?.Name ?? string.Empty;
        var confirmations = string.Join(",", signal.Confirmations.Select(c => (c.Agrees ? "+" : "-") + c.Name));
        var timestamp = LogText.Time(signal.Timestamp);
        Log.SignalRaised(
            _logger, signal.Id, signal.Strategy, type, signal.Asset, timeframe, timestamp, signal.Entry,
            signal.StopLoss, signal.TakeProfit, signal.RrRatio, signal.Confidence, confirmations);
    }

    private void LogDropped(Signal signal, SignalRejection reason, long droppedSoFar)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var type = SignalTypeText.Of(signal.Type);
        Log.SignalDropped(
            _logger, signal.Id, reason, signal.Strategy, type, signal.Asset, signal.Entry, signal.StopLoss,
            signal.TakeProfit, signal.RrRatio, _minRiskReward, signal.Confidence, droppedSoFar);
    }
}
