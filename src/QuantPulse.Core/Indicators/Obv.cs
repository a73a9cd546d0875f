using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// On-balance volume: a running total that adds the candle's volume when the close rises, subtracts it when the
/// close falls and keeps it when the close is unchanged; 0 on the first candle (as Stock.Indicators starts it).
/// </summary>
/// <remarks>
/// Only differences of OBV carry meaning; its level depends on where the series starts. A feed without sizes
/// (volume 0) gives 0 throughout. The first value is on the first candle. O(1) and allocation-free; not thread-safe.
/// </remarks>
public sealed partial class Obv : IIndicator<double>, IPriceBarIndicator<double>
{
    private CandleGate _gate;
    private double _previousClose;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    public Obv() => Name = "OBV";

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => 1;

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
            Apply(bar, (double)closed.Volume);
        }

        return _current;
    }

    /// <inheritdoc/>
    double? IPriceBarIndicator<double>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
    {
        if (_gate.TryAccept(openTimeUtcTicks, prices))
        {
            Apply(prices, volume);
        }

        return _current;
    }

    // One accepted bar: the same steps for a candle and for a bar given as numbers.
    private void Apply(in PriceBar bar, double volume)
    {
        var total = _current ?? 0;
        if (_current.HasValue && bar.Close != _previousClose)
        {
            total += bar.Close > _previousClose ? volume : -volume;
        }

        _current = total;
        _previousClose = bar.Close;
        _gate.Settle(ready: true);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _gate.Reset();
        _previousClose = 0;
        _current = null;
    }
}
