using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>Rolling population standard deviation of the close, with the window mean and the close's z-score.</summary>
/// <remarks>
/// <para>
/// σ divides by N. The update is O(1) amortised and allocation-free, and stays exact to rounding at any price
/// level: it works on deviations from a level taken from the window (so BTC at 17 000 moving by cents keeps
/// its digits), replaces the oldest value with Welford's add/remove update instead of a running sum of squares,
/// recomputes the window exactly once every <see cref="Period"/> candles so rounding cannot drift, and reports
/// exactly zero for a window of identical closes.
/// </para>
/// <para>The first value is on the <see cref="Period"/>-th candle. Not thread-safe.</para>
/// </remarks>
public sealed partial class StandardDeviation : IIndicator<StandardDeviationValue>, IPriceBarIndicator<StandardDeviationValue>
{
    private RollingMoments _window;
    private CandleGate _gate;
    private StandardDeviationValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 2 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public StandardDeviation(int period)
    {
        IndicatorArguments.Period(period, 2, nameof(period));
        Period = period;
        Name = "STDEV(" + IndicatorArguments.Format(period) + ")";
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
    public StandardDeviationValue? Current => _current;

    /// <summary>The z-score of <paramref name="value"/>: <c>(value − mean) / σ</c>, or null when σ is zero.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="standardDeviation">The standard deviation.</param>
    /// <returns>The z-score, or null.</returns>
    public static double? ZScore(double value, double mean, double standardDeviation) =>
        standardDeviation == 0 ? null : (value - mean) / standardDeviation;

    /// <inheritdoc/>
    public StandardDeviationValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    StandardDeviationValue? IPriceBarIndicator<StandardDeviationValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        if (_window.Add(bar.Close))
        {
            var mean = _window.Mean;
            var sd = _window.StandardDeviation;
            _current = new StandardDeviationValue(sd, mean, ZScore(bar.Close, mean, sd));
        }

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
