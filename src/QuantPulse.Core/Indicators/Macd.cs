using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Moving average convergence/divergence of the close: <c>macd = EMA(fast) − EMA(slow)</c>, a signal line that is
/// an EMA(signal) of the MACD line, and the histogram <c>macd − signal</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every EMA is seeded with the simple mean of its first values (the signal with the mean of the first
/// <see cref="SignalPeriod"/> MACD values), as in Stock.Indicators and LEAN. The MACD line therefore appears on
/// candle <see cref="SlowPeriod"/> (<see cref="WarmUpPeriod"/>), with <see cref="MacdValue.Signal"/> and
/// <see cref="MacdValue.Histogram"/> still null; they appear on candle <c>slow + signal − 1</c>
/// (<see cref="SignalWarmUpPeriod"/>).
/// </para>
/// <para>O(1) and allocation-free; not thread-safe.</para>
/// </remarks>
public sealed partial class Macd : IIndicator<MacdValue>, IPriceBarIndicator<MacdValue>
{
    private SeededAverage _fast;
    private SeededAverage _slow;
    private SeededAverage _signal;
    private CandleGate _gate;
    private MacdValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="fastPeriod">The fast EMA period, 1 … 100 000.</param>
    /// <param name="slowPeriod">The slow EMA period, greater than <paramref name="fastPeriod"/>, at most 100 000.</param>
    /// <param name="signalPeriod">The signal EMA period, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is out of range.</exception>
    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        IndicatorArguments.Period(fastPeriod, 1, nameof(fastPeriod));
        IndicatorArguments.Period(slowPeriod, fastPeriod + 1, nameof(slowPeriod));
        IndicatorArguments.Period(signalPeriod, 1, nameof(signalPeriod));
        FastPeriod = fastPeriod;
        SlowPeriod = slowPeriod;
        SignalPeriod = signalPeriod;
        Name = "MACD(" + IndicatorArguments.Format(fastPeriod) + "," + IndicatorArguments.Format(slowPeriod) + ","
            + IndicatorArguments.Format(signalPeriod) + ")";
        _fast = SeededAverage.Exponential(fastPeriod);
        _slow = SeededAverage.Exponential(slowPeriod);
        _signal = SeededAverage.Exponential(signalPeriod);
    }

    /// <summary>The fast EMA period.</summary>
    public int FastPeriod { get; }

    /// <summary>The slow EMA period.</summary>
    public int SlowPeriod { get; }

    /// <summary>The signal EMA period.</summary>
    public int SignalPeriod { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>The MACD line appears after <see cref="SlowPeriod"/> candles.</remarks>
    public int WarmUpPeriod => SlowPeriod;

    /// <summary>How many candles it takes until the signal line and the histogram appear: <c>slow + signal − 1</c>.</summary>
    public int SignalWarmUpPeriod => SlowPeriod + SignalPeriod - 1;

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
    public MacdValue? Current => _current;

    /// <inheritdoc/>
    public MacdValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            Apply(bar);
        }

        return _current;
    }

    /// <inheritdoc/>
    MacdValue? IPriceBarIndicator<MacdValue>.Next(long openTimeUtcTicks, in PriceBar prices, double volume)
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
        var close = bar.Close;
        _fast.Add(close);
        if (_slow.Add(close))
        {
            // slow > fast, so the fast EMA is ready whenever the slow one is.
            var fast = _fast.Value;
            var slow = _slow.Value;
            var macd = fast - slow;
            if (_signal.Add(macd))
            {
                var signal = _signal.Value;
                _current = new MacdValue(macd, signal, macd - signal, fast, slow);
            }
            else
            {
                _current = new MacdValue(macd, null, null, fast, slow);
            }
        }

        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        _gate.Reset();
        _current = null;
    }
}
