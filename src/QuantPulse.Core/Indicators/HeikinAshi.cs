using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>Heikin-Ashi candles: averaged bars that smooth out noise.</summary>
/// <remarks>
/// The first Heikin-Ashi open is <c>(O + C) / 2</c> of the first candle; afterwards it is the mid-point of the
/// previous Heikin-Ashi body. There is a value from the first candle on. O(1) and allocation-free; not
/// thread-safe.
/// </remarks>
public sealed partial class HeikinAshi : IIndicator<HeikinAshiValue>, IPriceBarIndicator<HeikinAshiValue>
{
    private CandleGate _gate;
    private HeikinAshiValue? _current;

    /// <summary>Creates the indicator.</summary>
    public HeikinAshi()
    {
    }

    /// <inheritdoc/>
    public string Name => "HA";

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
    public HeikinAshiValue? Current => _current;

    /// <summary>The Heikin-Ashi candle of a bar given the previous Heikin-Ashi open and close.</summary>
    /// <param name="previousOpen">The previous Heikin-Ashi open (for the first bar: its own open).</param>
    /// <param name="previousClose">The previous Heikin-Ashi close (for the first bar: its own close).</param>
    /// <param name="open">The bar's open.</param>
    /// <param name="high">The bar's high.</param>
    /// <param name="low">The bar's low.</param>
    /// <param name="close">The bar's close.</param>
    /// <returns>The Heikin-Ashi candle.</returns>
    public static HeikinAshiValue Calculate(
        double previousOpen, double previousClose, double open, double high, double low, double close)
    {
        var haClose = (open + high + low + close) / 4;
        var haOpen = (previousOpen + previousClose) / 2;
        return new HeikinAshiValue(
            haOpen,
            Math.Max(high, Math.Max(haOpen, haClose)),
            Math.Min(low, Math.Min(haOpen, haClose)),
            haClose);
    }

    /// <inheritdoc/>
    public HeikinAshiValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    HeikinAshiValue? IPriceBarIndicator<HeikinAshiValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        var previous = _current;
        _current = previous is { } p
            ? Calculate(p.Open, p.Close, bar.Open, bar.High, bar.Low, bar.Close)
            : Calculate(bar.Open, bar.Close, bar.Open, bar.High, bar.Low, bar.Close);
        _gate.Settle(ready: true);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _gate.Reset();
        _current = null;
    }
}
