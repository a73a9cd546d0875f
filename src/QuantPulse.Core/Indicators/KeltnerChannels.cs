using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Keltner channels: the EMA(<see cref="Period"/>) of the close (seeded with a simple mean, as <see cref="Ema"/>)
/// plus and minus <see cref="Multiplier"/> times Wilder's ATR(<see cref="AtrPeriod"/>), as Stock.Indicators
/// defines them.
/// </summary>
/// <remarks>
/// The first value is on candle <c>max(Period, AtrPeriod + 1)</c>, when both the EMA and the ATR exist. O(1) and
/// allocation-free per candle; not thread-safe.
/// </remarks>
public sealed partial class KeltnerChannels : IIndicator<ChannelValue>, IPriceBarIndicator<ChannelValue>
{
    private SeededAverage _ema;
    private WilderAtr _atr;
    private CandleGate _gate;
    private ChannelValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The EMA period, 1 … 100 000.</param>
    /// <param name="multiplier">The number of ATRs between the centre line and each band, 0.01 … 10.</param>
    /// <param name="atrPeriod">The ATR period, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public KeltnerChannels(int period = 20, double multiplier = 2, int atrPeriod = 10)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        IndicatorArguments.Multiplier(multiplier, nameof(multiplier));
        IndicatorArguments.Period(atrPeriod, 1, nameof(atrPeriod));
        Period = period;
        Multiplier = multiplier;
        AtrPeriod = atrPeriod;
        Name = "KELTNER(" + IndicatorArguments.Format(period) + "," + IndicatorArguments.Format(multiplier) + ","
            + IndicatorArguments.Format(atrPeriod) + ")";
        _ema = SeededAverage.Exponential(period);
        _atr = new WilderAtr(atrPeriod);
    }

    /// <summary>The EMA period.</summary>
    public int Period { get; }

    /// <summary>The number of ATRs between the centre line and each band.</summary>
    public double Multiplier { get; }

    /// <summary>The ATR period.</summary>
    public int AtrPeriod { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Math.Max(Period, AtrPeriod + 1);

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
    public ChannelValue? Current => _current;

    /// <inheritdoc/>
    public ChannelValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    ChannelValue? IPriceBarIndicator<ChannelValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        var emaReady = _ema.Add(bar.Close);
        if (_atr.Add(bar) && emaReady)
        {
            var middle = _ema.Value;
            var offset = Multiplier * _atr.Value;
            _current = new ChannelValue(middle + offset, middle, middle - offset);
        }

        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _ema.Reset();
        _atr.Reset();
        _gate.Reset();
        _current = null;
    }
}
