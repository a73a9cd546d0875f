using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Williams %R: <c>−100·(HighestHigh − Close) / (HighestHigh − LowestLow)</c> over the last <see cref="Period"/>
/// candles, −100 … 0 (−100 when the range is 0: the raw stochastic, which is then 0, minus 100).
/// </summary>
/// <remarks>The first value is on candle <see cref="Period"/>. O(1) amortised and allocation-free per candle; not thread-safe.</remarks>
public sealed partial class WilliamsR : IIndicator<double>, IPriceBarIndicator<double>
{
    private RollingExtremes _range;
    private CandleGate _gate;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The look-back of the high-low range, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public WilliamsR(int period = 14)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "WILLR(" + IndicatorArguments.Format(period) + ")";
        _range = new RollingExtremes(period);
    }

    /// <summary>The look-back of the high-low range.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Period;

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
    public double? Current => _current;

    /// <inheritdoc/>
    public double? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    double? IPriceBarIndicator<double>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        if (_range.Add(bar.High, bar.Low))
        {
            var range = _range.Highest - _range.Lowest;
            _current = range > 0 ? -100 * (_range.Highest - bar.Close) / range : -100;
        }

        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _range.Reset();
        _gate.Reset();
        _current = null;
    }
}
