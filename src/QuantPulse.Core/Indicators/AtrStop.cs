using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// ATR trailing stop: bands at the close (or the high and low, see <see cref="AtrStopEnd"/>) plus and minus
/// <see cref="Multiplier"/> times Wilder's ATR(<see cref="Period"/>). The upper band only falls and the lower band
/// only rises until the previous close crosses them; the stop is the lower band in an up-trend and the upper band
/// in a down-trend, flipping when the close reaches the band it follows.
/// </summary>
/// <remarks>
/// As in Stock.Indicators: the ATR is seeded Wilder's way, so the first value is on candle <see cref="Period"/> + 1,
/// where the trend starts up when the close is at or above the previous close. The same ratchet as
/// <see cref="SuperTrend"/> around a different centre; not the UT Bot recursion. O(1) and allocation-free per
/// candle; not thread-safe.
/// </remarks>
public sealed partial class AtrStop : IIndicator<AtrStopValue>, IPriceBarIndicator<AtrStopValue>
{
    private WilderAtr _atr;
    private CandleGate _gate;
    private BandRatchet _bands;
    private double _previousClose;
    private AtrStopValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The ATR period, 1 … 100 000.</param>
    /// <param name="multiplier">The number of ATRs between the price and each band, 0.01 … 10.</param>
    /// <param name="endType">Which prices the bands are offset from.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range or not a defined value.</exception>
    public AtrStop(int period = 21, double multiplier = 3, AtrStopEnd endType = AtrStopEnd.Close)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        IndicatorArguments.Multiplier(multiplier, nameof(multiplier));
        if (endType is not (AtrStopEnd.Close or AtrStopEnd.HighLow))
        {
            throw new ArgumentOutOfRangeException(nameof(endType), endType, "Not a defined AtrStopEnd.");
        }

        Period = period;
        Multiplier = multiplier;
        EndType = endType;
        Name = "ATR-STOP(" + IndicatorArguments.Format(period) + "," + IndicatorArguments.Format(multiplier)
            + (endType == AtrStopEnd.Close ? ")" : "," + nameof(AtrStopEnd.HighLow) + ")");
        _atr = new WilderAtr(period);
    }

    /// <summary>The ATR period.</summary>
    public int Period { get; }

    /// <summary>The number of ATRs between the price and each band.</summary>
    public double Multiplier { get; }

    /// <summary>Which prices the bands are offset from.</summary>
    public AtrStopEnd EndType { get; }

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
    public AtrStopValue? Current => _current;

    /// <inheritdoc/>
    public AtrStopValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    AtrStopValue? IPriceBarIndicator<AtrStopValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
            var atr = _atr.Value;
            var offset = Multiplier * atr;
            var upper = (EndType == AtrStopEnd.Close ? bar.Close : bar.High) + offset;
            var lower = (EndType == AtrStopEnd.Close ? bar.Close : bar.Low) - offset;
            _bands.Apply(upper, lower, _previousClose, bar.Close, startsUp: bar.Close >= _previousClose);
            _current = _bands.IsUpTrend ? new AtrStopValue(_bands.Lower, null, _bands.Lower, atr) : new AtrStopValue(_bands.Upper, _bands.Upper, null, atr);
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
