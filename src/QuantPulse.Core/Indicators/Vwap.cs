using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Session volume-weighted average price: <c>Σ TP·Volume / Σ Volume</c> over the candles of the current session,
/// with the typical price <c>TP = (High + Low + Close) / 3</c>. A session is one UTC calendar day: the sums restart
/// with the first candle whose open time falls on a later UTC date.
/// </summary>
/// <remarks>
/// <para>
/// Candles of one day or longer each start their own session, so their VWAP is their typical price. The value is
/// null while the session has no volume yet (a feed without sizes has no VWAP); zero-volume candles later in a
/// session leave it unchanged. The first value is on the first candle with volume.
/// </para>
/// <para>O(1) and allocation-free per candle; not thread-safe.</para>
/// </remarks>
public sealed partial class Vwap : IIndicator<double>, IPriceBarIndicator<double>
{
    private CandleGate _gate;
    private long _sessionDay = -1;
    private double _priceVolume;
    private double _volume;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    public Vwap() => Name = "VWAP";

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
            Apply(closed.OpenTime.UtcTicks, bar, (double)closed.Volume);
        }

        return _current;
    }

    /// <inheritdoc/>
    double? IPriceBarIndicator<double>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
    {
        if (_gate.TryAccept(openTimeUtcTicks, prices))
        {
            Apply(openTimeUtcTicks, prices, volume);
        }

        return _current;
    }

    // One accepted bar: the same steps for a candle and for a bar given as numbers.
    private void Apply(long openTimeUtcTicks, in PriceBar bar, double volume)
    {
        var day = openTimeUtcTicks / TimeSpan.TicksPerDay;
        if (day != _sessionDay)
        {
            _sessionDay = day;
            _priceVolume = 0;
            _volume = 0;
            _current = null;
        }

        if (volume > 0)
        {
            _priceVolume += (bar.High + bar.Low + bar.Close) / 3 * volume;
            _volume += volume;
            _current = _priceVolume / _volume;
        }

        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _gate.Reset();
        _sessionDay = -1;
        _priceVolume = 0;
        _volume = 0;
        _current = null;
    }
}
