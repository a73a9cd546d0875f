using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Dataflow;
using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// The indicator stage: computes the configured indicators on every closed candle of every series and passes
/// each <see cref="MarketBatch"/> on with <see cref="ClosedCandle.Indicators"/> set.
/// </summary>
/// <remarks>
/// <para>
/// One <see cref="IndicatorSet"/> is kept per series (symbol and timeframe), created when the series is first
/// seen. Batches are processed one at a time, in order, so the values equal those of the batch helpers on the
/// same candles exactly. A batch without candles is passed on as the same instance.
/// </para>
/// <para>
/// Stop gracefully with <see cref="MarketBatchBlock.Complete"/> and await <see cref="MarketBatchBlock.Completion"/>; the options' token aborts.
/// A candle the indicators reject (out of order, or impossible prices; see <see cref="IIndicator"/>) is never
/// thrown: it keeps the series' previous values, is counted in <see cref="RejectedCandles"/> and logged
/// (event 3002). A <c>null</c> batch is declined. Safe to use from several producers, as any Dataflow block.
/// </para>
/// </remarks>
public sealed class IndicatorBlock : MarketBatchBlock
{
    private readonly IndicatorSet _template;
    private readonly Dictionary<(string Symbol, Timeframe Timeframe), IndicatorSet> _series = [];
    private readonly ILogger _logger;
    private readonly string _description;
    private int _seriesCount;
    private long _rejectedCandles;

    /// <summary>Creates the block.</summary>
    /// <param name="options">The options, copied here; null for the defaults.</param>
    /// <param name="logger">Where to log new series and rejected candles; null for none.</param>
    /// <exception cref="ArgumentException">Two indicators produce the same column, or one is null.</exception>
    public IndicatorBlock(IndicatorBlockOptions? options = null, ILogger<IndicatorBlock>? logger = null)
        : base((options ??= new IndicatorBlockOptions()).BoundedCapacity, options.CancellationToken)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _template = new IndicatorSet(options.Indicators);
        _description = string.Join(", ", _template.Specs);
    }

    /// <summary>The output columns every candle carries.</summary>
    public IndicatorColumns Columns => _template.Columns;

    /// <summary>How many series (symbol and timeframe pairs) the block has seen.</summary>
    public int SeriesCount => Volatile.Read(ref _seriesCount);

    /// <summary>How many candles the indicators ignored (out of order, or with impossible prices).</summary>
    public long RejectedCandles => Interlocked.Read(ref _rejectedCandles);

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(IndicatorBlock)}[{_description}]";

    /// <inheritdoc/>
    private protected override MarketBatch Process(MarketBatch batch)
    {
        var candles = batch.Candles;
        if (candles.Count == 0)
        {
            return batch;
        }

        var withValues = new ClosedCandle[candles.Count];
        for (var i = 0; i < withValues.Length; i++)
        {
            var closed = candles[i];
            var candle = closed.Candle;
            var set = SeriesOf(candle);
            withValues[i] = closed with { Indicators = set.Next(candle) };
            if (set.Status is IndicatorStatus.RejectedOutOfOrder or IndicatorStatus.RejectedInvalid)
            {
                Interlocked.Increment(ref _rejectedCandles);
                Log.CandleRejected(_logger, candle.Symbol, candle.Timeframe, LogText.Time(candle.OpenTime), set.Status);
            }
        }

        return batch.WithCandles(withValues);
    }

    private IndicatorSet SeriesOf(Candle candle)
    {
        var key = (candle.Symbol, candle.Timeframe);
        if (!_series.TryGetValue(key, out var set))
        {
            set = _template.CreateFresh();
            _series.Add(key, set);
            Volatile.Write(ref _seriesCount, _series.Count);
            Log.SeriesStarted(_logger, candle.Symbol, candle.Timeframe, _description);
        }

        return set;
    }
}
