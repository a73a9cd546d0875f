using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Smoothed moving average of the close (Wilder's RMA): seeded with the simple mean of the first
/// <see cref="Period"/> closes, then <c>smma = (prev·(N − 1) + close) / N</c> (an EMA with <c>α = 1 / N</c>).
/// </summary>
/// <remarks>The first value is on the <see cref="Period"/>-th candle. O(1) and allocation-free; not thread-safe.</remarks>
public sealed partial class Smma : IIndicator<double>, IPriceBarIndicator<double>
{
    private SeededAverage _core;
    private CandleGate _gate;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public Smma(int period)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "SMMA(" + IndicatorArguments.Format(period) + ")";
        _core = SeededAverage.Wilder(period);
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

    /// <summary>The smoothing factor of Wilder's average over <paramref name="period"/> periods: <c>1 / period</c>.</summary>
    /// <param name="period">The number of periods.</param>
    /// <returns>The factor.</returns>
    public static double SmoothingFactor(int period) => 1.0 / period;

    /// <summary>
    /// One step of Wilder's smoothing, <c>(previous·(N − 1) + value) / N</c>, computed as
    /// <c>previous + α·(value − previous)</c> with <c>α = 1 / N</c> (a multiplication instead of a division on the
    /// critical path; the two forms agree to the last bit or two).
    /// </summary>
    /// <param name="alpha">The smoothing factor (see <see cref="SmoothingFactor"/>).</param>
    /// <param name="previous">The previous average.</param>
    /// <param name="value">The new input value.</param>
    /// <returns>The new average.</returns>
    public static double Increment(double alpha, double previous, double value) => Ema.Increment(alpha, previous, value);

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
