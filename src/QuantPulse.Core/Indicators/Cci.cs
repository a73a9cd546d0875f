using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Commodity channel index: <c>(TP − SMA(TP)) / (0.015 · MeanDeviation)</c> over the last <see cref="Period"/>
/// candles, where the typical price is <c>TP = (High + Low + Close) / 3</c> and the mean deviation is the mean of
/// <c>|TP − SMA(TP)|</c> over the window; 0 when the mean deviation is 0 (a flat window).
/// </summary>
/// <remarks>
/// The first value is on candle <see cref="Period"/>. The mean deviation is taken around the current window's
/// mean, so every value of the window is revisited: O(<see cref="Period"/>) per candle (the only indicator here
/// that is not O(1)), allocation-free; not thread-safe.
/// </remarks>
public sealed partial class Cci : IIndicator<double>, IPriceBarIndicator<double>
{
    /// <summary>Lambert's constant, which scales about 70–80 % of values into −100 … 100.</summary>
    public const double Scale = 0.015;

    private readonly double[] _window;
    private CandleGate _gate;
    private int _count;
    private int _next;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of candles, 2 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public Cci(int period = 20)
    {
        IndicatorArguments.Period(period, 2, nameof(period));
        Period = period;
        Name = "CCI(" + IndicatorArguments.Format(period) + ")";
        _window = new double[period];
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
        var window = _window;
        var typical = (bar.High + bar.Low + bar.Close) / 3;
        window[_next] = typical;
        _next = _next + 1 == window.Length ? 0 : _next + 1;
        if (_count < window.Length)
        {
            _count++;
        }

        if (_count == window.Length)
        {
            // Oldest first, so the mean is summed the way a plain windowed mean sums it, and on values shifted by
            // the oldest one: a flat window then has a deviation of exactly zero, not a rounding residue.
            var shift = window[_next];
            var sum = 0.0;
            for (var i = 0; i < window.Length; i++)
            {
                var j = _next + i;
                sum += window[j < window.Length ? j : j - window.Length] - shift;
            }

            var mean = sum / window.Length;
            var deviation = 0.0;
            foreach (var x in window)
            {
                deviation += Math.Abs(x - shift - mean);
            }

            deviation /= window.Length;
            _current = deviation > 0 ? (typical - shift - mean) / (Scale * deviation) : 0;
        }

        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(_window);
        _gate.Reset();
        _count = 0;
        _next = 0;
        _current = null;
    }
}
