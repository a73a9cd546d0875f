using QuantPulse.Model;

namespace QuantPulse.Candles;

/// <summary>
/// Builds candles from ticks synchronously, on the calling thread: the same state machine as
/// <see cref="CandleBlock"/>, without Dataflow, for whole files and other batch work where the caller owns the loop.
/// </summary>
/// <remarks>
/// Candles close on the data alone (there is no clock): a bucket closes when a tick of a later bucket arrives, and
/// <see cref="CloseAll"/> closes the forming candles at the end of the input, as
/// <c>MarketPipelineOptions.CloseCandlesAtEnd</c> does. The late, duplicate and invalid tick rules are those of
/// docs/candles.md, counted in <see cref="Statistics"/>. Not thread-safe.
/// </remarks>
public sealed class CandleAggregator
{
    private readonly CandleBuilder _builder;

    /// <summary>Creates an aggregator.</summary>
    /// <param name="options">The settings (timeframes, history length, gap filling, duplicate policy); copied. <c>null</c> uses the defaults.</param>
    public CandleAggregator(CandleBlockOptions? options = null) =>
        _builder = new CandleBuilder((options ?? new CandleBlockOptions()).Clone());

    /// <summary>The timeframes built for every symbol, shortest first.</summary>
    public IReadOnlyList<Timeframe> Timeframes => _builder.Timeframes;

    /// <summary>A snapshot of the counters.</summary>
    public CandleStatistics Statistics => _builder.GetStatistics();

    /// <summary>Applies ticks in order. Allocates nothing unless a candle closes or a symbol is seen for the first time.</summary>
    /// <param name="ticks">The ticks.</param>
    /// <param name="closed">Receives the candles the ticks close, in chronological order; <see cref="ClosedCandle.Position"/> is the index of the tick that closed each one.</param>
    public void Add(ReadOnlySpan<Tick> ticks, List<ClosedCandle> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        for (var i = 0; i < ticks.Length; i++)
        {
            _builder.Add(in ticks[i], closed, i);
        }
    }

    /// <summary>Ends the input: closes every forming candle. Ticks added afterwards are late.</summary>
    /// <param name="closed">Receives the candles, in chronological order.</param>
    public void CloseAll(List<ClosedCandle> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        _builder.CloseAll(closed, 0);
    }
}
