using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// True range: <c>max(High − Low, |High − prevClose|, |Low − prevClose|)</c>. The first candle has no previous
/// close and therefore no value.
/// </summary>
/// <remarks>O(1) and allocation-free; not thread-safe.</remarks>
public sealed partial class TrueRange : IIndicator<double>, IPriceBarIndicator<double>
{
    private CandleGate _gate;
    private double _previousClose;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    public TrueRange()
    {
    }

    /// <inheritdoc/>
    public string Name => "TR";

    /// <inheritdoc/>
    public int WarmUpPeriod => 2;

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

    /// <summary>The true range of a bar given the previous close.</summary>
    /// <param name="high">The bar's high.</param>
    /// <param name="low">The bar's low.</param>
    /// <param name="previousClose">The previous bar's close.</param>
    /// <returns><c>max(high − low, |high − previousClose|, |low − previousClose|)</c>.</returns>
    public static double Calculate(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

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
        if (_gate.Samples > 1)
        {
            _current = Calculate(bar.High, bar.Low, _previousClose);
        }

        _previousClose = bar.Close;
        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _gate.Reset();
        _previousClose = 0;
        _current = null;
    }
}
