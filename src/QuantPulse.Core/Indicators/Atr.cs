using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>Average true range with Wilder's smoothing: <c>atr = (prev·(N − 1) + TR) / N</c>.</summary>
/// <remarks>
/// <para>
/// Two seedings are offered (see <see cref="AtrSeeding"/>). <see cref="AtrSeeding.Wilder"/>, the default, gives
/// the first candle no true range and seeds with the mean of the next <see cref="Period"/> true ranges, so the
/// first value is on candle N + 1 (TA-Lib, Stock.Indicators). <see cref="AtrSeeding.TradingView"/> takes
/// <c>High − Low</c> as the first candle's true range and seeds with the mean of the first N true ranges, so
/// the first value is on candle N (TradingView <c>ta.atr</c>, LEAN).
/// </para>
/// <para>O(1) and allocation-free; not thread-safe.</para>
/// </remarks>
public sealed partial class Atr : IIndicator<double>, IPriceBarIndicator<double>
{
    private SeededAverage _average;
    private CandleGate _gate;
    private double _previousClose;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 1 … 100 000.</param>
    /// <param name="seeding">How the first value is formed.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="period"/> is out of range or <paramref name="seeding"/> is not a defined value.
    /// </exception>
    public Atr(int period, AtrSeeding seeding = AtrSeeding.Wilder)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        if (seeding is not (AtrSeeding.Wilder or AtrSeeding.TradingView))
        {
            throw new ArgumentOutOfRangeException(nameof(seeding), seeding, "Not a defined AtrSeeding.");
        }

        Period = period;
        Seeding = seeding;
        Name = seeding == AtrSeeding.Wilder
            ? "ATR(" + IndicatorArguments.Format(period) + ")"
            : "ATR(" + IndicatorArguments.Format(period) + "," + nameof(AtrSeeding.TradingView) + ")";
        _average = SeededAverage.Wilder(period);
    }

    /// <summary>The number of periods.</summary>
    public int Period { get; }

    /// <summary>How the first value is formed.</summary>
    public AtrSeeding Seeding { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Seeding == AtrSeeding.Wilder ? Period + 1 : Period;

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
        if (_gate.Samples > 1)
        {
            _current = _average.Add(TrueRange.Calculate(bar.High, bar.Low, _previousClose)) ? _average.Value : null;
        }
        else if (Seeding == AtrSeeding.TradingView)
        {
            _current = _average.Add(bar.High - bar.Low) ? _average.Value : null;
        }

        _previousClose = bar.Close;
        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _average.Reset();
        _gate.Reset();
        _previousClose = 0;
        _current = null;
    }
}
