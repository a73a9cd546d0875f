using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// The stochastic oscillator: raw <c>%K = 100·(Close − LowestLow) / (HighestHigh − LowestLow)</c> over the last
/// <see cref="Period"/> candles (0 when the range is 0, as Stock.Indicators and LEAN report it), %K the simple mean
/// of the last <see cref="SmoothPeriod"/> raw values (1 gives the fast stochastic), %D the simple mean of the
/// last <see cref="SignalPeriod"/> %K values.
/// </summary>
/// <remarks>
/// The first value is on candle <c>Period + Smooth + Signal − 2</c>. O(1) amortised and allocation-free per
/// candle; not thread-safe.
/// </remarks>
public sealed partial class Stochastic : IIndicator<StochasticValue>, IPriceBarIndicator<StochasticValue>
{
    private RollingExtremes _range;
    private RollingMoments _smooth;
    private RollingMoments _signal;
    private CandleGate _gate;
    private StochasticValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The look-back of the high-low range, 1 … 100 000.</param>
    /// <param name="signalPeriod">The %D period, 1 … 100 000.</param>
    /// <param name="smoothPeriod">The %K smoothing period, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is out of range.</exception>
    public Stochastic(int period = 14, int signalPeriod = 3, int smoothPeriod = 3)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        IndicatorArguments.Period(signalPeriod, 1, nameof(signalPeriod));
        IndicatorArguments.Period(smoothPeriod, 1, nameof(smoothPeriod));
        Period = period;
        SignalPeriod = signalPeriod;
        SmoothPeriod = smoothPeriod;
        Name = "STOCH(" + IndicatorArguments.Format(period) + "," + IndicatorArguments.Format(signalPeriod) + ","
            + IndicatorArguments.Format(smoothPeriod) + ")";
        _range = new RollingExtremes(period);
        _smooth = new RollingMoments(smoothPeriod);
        _signal = new RollingMoments(signalPeriod);
    }

    /// <summary>The look-back of the high-low range.</summary>
    public int Period { get; }

    /// <summary>The %D period.</summary>
    public int SignalPeriod { get; }

    /// <summary>The %K smoothing period.</summary>
    public int SmoothPeriod { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Period + SmoothPeriod + SignalPeriod - 2;

    /// <inheritdoc/>
    public bool IsReady => _current.HasValue;

    /// <inheritdoc/>
    public long Samples => _gate.Samples;

    /// <inheritdoc/>
    public long OutOfOrderCount => _gate.OutOfOrder;

    /// <inheritdoc/>
    public long InvalidCount => _gate.Invalid;

    /// <inheritdoc/>
    public IndicatorStatus Status => _gate.Status;

    /// <inheritdoc/>
    public StochasticValue? Current => _current;

    /// <summary>Where a close sits in a high-low range, in percent: <c>100·(close − lowest) / (highest − lowest)</c>; 0 for an empty range.</summary>
    /// <param name="close">The close.</param>
    /// <param name="highest">The highest high of the range.</param>
    /// <param name="lowest">The lowest low of the range.</param>
    /// <returns>0 … 100.</returns>
    public static double RangePosition(double close, double highest, double lowest)
    {
        var range = highest - lowest;
        return range > 0 ? 100 * (close - lowest) / range : 0;
    }

    /// <inheritdoc/>
    public StochasticValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    StochasticValue? IPriceBarIndicator<StochasticValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
    {
        if (_gate.TryAccept(openTimeUtcTicks, prices))
        {
            Apply(prices);
        }

        return _current;
    }

    // One accepted bar: the same steps for a candle and for a bar given as numbers.
    private void Apply(in PriceBar bar)
    {
        if (_range.Add(bar.High, bar.Low)
            && _smooth.Add(RangePosition(bar.Close, _range.Highest, _range.Lowest)))
        {
            var k = _smooth.Mean;
            _current = _signal.Add(k) ? new StochasticValue(k, _signal.Mean) : null;
        }

        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _range.Reset();
        _smooth.Reset();
        _signal.Reset();
        _gate.Reset();
        _current = null;
    }
}
