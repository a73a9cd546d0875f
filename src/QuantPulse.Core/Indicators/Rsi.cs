using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Relative strength index of the close with Wilder's smoothing: the average gain and average loss of the
/// close-to-close changes are seeded with the simple mean of the first <see cref="Period"/> changes and then
/// smoothed as <c>(prev·(N − 1) + x) / N</c>; <c>RSI = 100 − 100 / (1 + avgGain / avgLoss)</c>.
/// </summary>
/// <remarks>
/// The first candle only provides a previous close, so the first value is on candle <see cref="Period"/> + 1,
/// as in Stock.Indicators and LEAN. When the average loss is zero the RSI is 100 (also for a perfectly flat
/// market, as TradingView and LEAN report it). O(1) and allocation-free; not thread-safe.
/// </remarks>
public sealed partial class Rsi : IIndicator<double>, IPriceBarIndicator<double>
{
    private SeededAverage _gains;
    private SeededAverage _losses;
    private CandleGate _gate;
    private double _previousClose;
    private double? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The number of periods, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public Rsi(int period)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "RSI(" + IndicatorArguments.Format(period) + ")";
        _gains = SeededAverage.Wilder(period);
        _losses = SeededAverage.Wilder(period);
    }

    /// <summary>The number of periods.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => Period + 1;

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

    /// <summary>
    /// The RSI of an average gain and an average loss: <c>100 − 100 / (1 + gain / loss)</c>, computed as
    /// <c>100·gain / (gain + loss)</c> (one division); 100 when the loss is zero.
    /// </summary>
    /// <param name="averageGain">The average gain (≥ 0).</param>
    /// <param name="averageLoss">The average loss as a positive number (≥ 0).</param>
    /// <returns>The RSI, 0 … 100.</returns>
    public static double FromAverages(double averageGain, double averageLoss) =>
        averageLoss > 0 ? 100 * averageGain / (averageGain + averageLoss) : 100;

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
        var close = bar.Close;
        if (_gate.Samples > 1)
        {
            // Branch-free, because ups and downs alternate unpredictably: (|c| ± c) / 2 is exact (a doubling
            // or an exact zero, then a halving), so the gain and loss equal max(±c, 0) bit for bit.
            var change = close - _previousClose;
            var size = Math.Abs(change);
            _gains.Add((size + change) * 0.5);
            _current = _losses.Add((size - change) * 0.5)
                ? FromAverages(_gains.Value, _losses.Value)
                : null;
        }

        _previousClose = close;
        _gate.Settle(_current.HasValue);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _gains.Reset();
        _losses.Reset();
        _gate.Reset();
        _previousClose = 0;
        _current = null;
    }
}
