using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Bollinger Bands of the close: the simple mean of the last <see cref="Period"/> closes plus and minus
/// <see cref="K"/> population standard deviations, with %B, z-score and width.
/// </summary>
/// <remarks>
/// σ divides by N (population), as Stock.Indicators and LEAN do. The first value is on the
/// <see cref="Period"/>-th candle. O(1) amortised and allocation-free per candle, numerically stable at any
/// price level (see <see cref="StandardDeviation"/>); not thread-safe.
/// </remarks>
public sealed partial class BollingerBands : IIndicator<BollingerValue>, IPriceBarIndicator<BollingerValue>
{
    private RollingMoments _window;
    private CandleGate _gate;
    private BollingerValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 2 … 100 000.</param>
    /// <param name="k">The number of standard deviations between the middle and each band, 0.01 … 10.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> or <paramref name="k"/> is out of range.</exception>
    public BollingerBands(int period = 20, double k = 2)
    {
        IndicatorArguments.Period(period, 2, nameof(period));
        IndicatorArguments.Multiplier(k, nameof(k));
        Period = period;
        K = k;
        Name = "BB(" + IndicatorArguments.Format(period) + "," + IndicatorArguments.Format(k) + ")";
        _window = new RollingMoments(period);
    }

    /// <summary>The number of periods.</summary>
    public int Period { get; }

    /// <summary>The number of standard deviations between the middle and each band.</summary>
    public double K { get; }

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
    public BollingerValue? Current => _current;

    /// <summary>The bands for a window's mean and population standard deviation and the current close.</summary>
    /// <param name="middle">The mean of the window.</param>
    /// <param name="standardDeviation">The population standard deviation of the window.</param>
    /// <param name="k">The number of standard deviations between the middle and each band.</param>
    /// <param name="close">The close of the current candle.</param>
    /// <returns>The bands with %B, z-score and width.</returns>
    public static BollingerValue Calculate(double middle, double standardDeviation, double k, double close)
    {
        var upper = middle + (k * standardDeviation);
        var lower = middle - (k * standardDeviation);
        var range = upper - lower;
        return new BollingerValue(
            middle,
            upper,
            lower,
            range == 0 ? null : (close - lower) / range,
            StandardDeviation.ZScore(close, middle, standardDeviation),
            range / middle);
    }

    /// <inheritdoc/>
    public BollingerValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    BollingerValue? IPriceBarIndicator<BollingerValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        _current = _window.Add(bar.Close)
            ? Calculate(_window.Mean, _window.StandardDeviation, K, bar.Close)
            : null;
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
