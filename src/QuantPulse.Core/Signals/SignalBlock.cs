using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Indicators;
using QuantPulse.Dataflow;
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
/// travels down the pipeline. Stop gracefully with <see cref="MarketBatchBlock.Complete"/> and await <see cref="MarketBatchBlock.Completion"/>;
/// the options' token aborts. Safe to use from several producers, as any Dataflow block.
/// </para>
/// </remarks>
public sealed class SignalBlock : MarketBatchBlock
{
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
        : base((options ??= new SignalBlockOptions()).BoundedCapacity, options.CancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Strategy = strategy;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _minRiskReward = options.RiskReward.MinRiskReward;
        _engine = new SignalEngine(strategy, options.RiskReward, options.MinConfidence);
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

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(SignalBlock)}[{Strategy}]";

    /// <inheritdoc/>
    private protected override MarketBatch Process(MarketBatch batch)
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
