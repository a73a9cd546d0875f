using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>Simple moving average of the close over the last <see cref="Period"/> candles.</summary>
/// <remarks>
/// The first value is on the <see cref="Period"/>-th candle. O(1) amortised and allocation-free per candle (a
/// rolling window that is re-summed exactly once per <see cref="Period"/> candles, so rounding never drifts);
/// not thread-safe.
/// </remarks>
public sealed partial class Sma : IIndicator<double>, IPriceBarIndicator<double>
{
    private RollingMoments _window;
    private CandleGate _gate;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public Sma(int period)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "SMA(" + IndicatorArguments.Format(period) + ")";
        _window = new RollingMoments(period);
    }

    /// <summary>The number of periods.</summary>
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
        _current = _window.Add(bar.Close) ? _window.Mean : null;
        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _window.Reset();
        _gate.Reset();
        _current = null;
    }
}
