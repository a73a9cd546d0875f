using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Donchian channels: the highest high and lowest low of the last <see cref="Period"/> candles, the current one
/// included (as TradingView's <c>ta.donchian</c> and LEAN do), and their mid-point.
/// </summary>
/// <remarks>The first value is on candle <see cref="Period"/>. O(1) amortised and allocation-free per candle; not thread-safe.</remarks>
public sealed partial class DonchianChannels : IIndicator<ChannelValue>, IPriceBarIndicator<ChannelValue>
{
    private RollingExtremes _range;
    private CandleGate _gate;
    private ChannelValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of candles, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public DonchianChannels(int period = 20)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "DONCHIAN(" + IndicatorArguments.Format(period) + ")";
        _range = new RollingExtremes(period);
    }

    /// <summary>The number of candles.</summary>
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
        if (_range.Add(bar.High, bar.Low))
        {
            var upper = _range.Highest;
            var lower = _range.Lowest;
            _current = new ChannelValue(upper, (upper + lower) / 2, lower);
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
