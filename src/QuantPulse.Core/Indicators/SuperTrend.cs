using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// SuperTrend: bands at the bar's mid-point <c>(High + Low) / 2</c> plus and minus <see cref="Multiplier"/> times
/// Wilder's ATR(<see cref="Period"/>); the upper band only falls and the lower band only rises until the previous
/// close crosses them, and the line follows the lower band in an up-trend and the upper band in a down-trend,
/// flipping when the close reaches the band it follows.
/// </summary>
/// <remarks>
/// As in Stock.Indicators: the ATR is seeded Wilder's way (first value on candle <see cref="Period"/> + 1, which is
/// also the first SuperTrend value); on that candle the trend starts up when the close is at or above the
/// mid-point. O(1) and allocation-free per candle; not thread-safe.
/// </remarks>
public sealed partial class SuperTrend : IIndicator<SuperTrendValue>, IPriceBarIndicator<SuperTrendValue>
{
    private WilderAtr _atr;
    private CandleGate _gate;
    private BandRatchet _bands;
    private double _previousClose;
    private SuperTrendValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The ATR period, 1 … 100 000.</param>
    /// <param name="multiplier">The number of ATRs between the mid-point and each band, 0.01 … 10.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public SuperTrend(int period = 10, double multiplier = 3)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        IndicatorArguments.Multiplier(multiplier, nameof(multiplier));
        Period = period;
        Multiplier = multiplier;
        Name = "SUPERTREND(" + IndicatorArguments.Format(period) + "," + IndicatorArguments.Format(multiplier) + ")";
        _atr = new WilderAtr(period);
    }

    /// <summary>The ATR period.</summary>
    public int Period { get; }

    /// <summary>The number of ATRs between the mid-point and each band.</summary>
    public double Multiplier { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Period + 1;

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
    public SuperTrendValue? Current => _current;

    /// <inheritdoc/>
    public SuperTrendValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    SuperTrendValue? IPriceBarIndicator<SuperTrendValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        if (_atr.Add(bar))
        {
            var mid = (bar.High + bar.Low) / 2;
            var upper = mid + (Multiplier * _atr.Value);
            var lower = mid - (Multiplier * _atr.Value);
            _bands.Apply(upper, lower, _previousClose, bar.Close, startsUp: bar.Close >= mid);
            _current = _bands.IsUpTrend ? new SuperTrendValue(_bands.Lower, null, _bands.Lower) : new SuperTrendValue(_bands.Upper, _bands.Upper, null);
        }

        _previousClose = bar.Close;
        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _atr.Reset();
        _gate.Reset();
        _bands.Reset();
        _previousClose = 0;
        _current = null;
    }
}
