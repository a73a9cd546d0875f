using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Exponential moving average of the close, seeded with the simple mean of the first <see cref="Period"/>
/// closes: <c>ema = prev + k·(close − prev)</c>, <c>k = 2 / (period + 1)</c>.
/// </summary>
/// <remarks>
/// The first value is on the <see cref="Period"/>-th candle, as in Stock.Indicators and LEAN. O(1) and
/// allocation-free per candle; not thread-safe.
/// </remarks>
public sealed partial class Ema : IIndicator<double>, IPriceBarIndicator<double>
{
    private SeededAverage _core;
    private CandleGate _gate;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public Ema(int period)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "EMA(" + IndicatorArguments.Format(period) + ")";
        _core = SeededAverage.Exponential(period);
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
    public double? Current => _current;

    /// <summary>The smoothing factor of an EMA over <paramref name="period"/> periods: <c>2 / (period + 1)</c>.</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The factor.</returns>
    public static double SmoothingFactor(int period) => 2.0 / (period + 1);

    /// <summary>One EMA step: <c>previous + k·(value − previous)</c>.</summary>
    /// <param name="k">The smoothing factor (see <see cref="SmoothingFactor"/>).</param>
    /// <param name="previous">The previous EMA.</param>
    /// <param name="value">The new input value.</param>
    /// <returns>The new EMA.</returns>
    public static double Increment(double k, double previous, double value) => previous + (k * (value - previous));

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
        _current = _core.Add(bar.Close) ? _core.Value : null;
        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _core.Reset();
        _gate.Reset();
        _current = null;
    }
}
