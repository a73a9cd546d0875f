using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// Wilder's directional movement system: +DI, −DI and the average directional index ADX.
/// </summary>
/// <remarks>
/// <para>
/// From the second candle: <c>+DM = High − prevHigh</c> when that up-move is positive and larger than the down-move
/// <c>prevLow − Low</c>, else 0 (−DM likewise), and the true range. TR, +DM and −DM are smoothed with Wilder's
/// average (seeded with the mean of the first <see cref="Period"/> values); <c>+DI = 100·+DM / TR</c>,
/// <c>−DI = 100·−DM / TR</c> (both 0 when the smoothed TR is 0), <c>DX = 100·|+DI − −DI| / (+DI + −DI)</c> (0 when
/// both are 0), and ADX is Wilder's average of DX seeded with the mean of the first <see cref="Period"/> DX values.
/// </para>
/// <para>
/// The DIs exist from candle <see cref="Period"/> + 1, the ADX from candle 2·<see cref="Period"/>; the value, all
/// three together, starts with the ADX. O(1) and allocation-free per candle; not thread-safe.
/// </para>
/// </remarks>
public sealed partial class Adx : IIndicator<AdxValue>
{
    private SeededAverage _trueRange;
    private SeededAverage _plusMove;
    private SeededAverage _minusMove;
    private SeededAverage _adx;
    private CandleGate _gate;
    private double _previousClose;
    private decimal _previousHigh;
    private decimal _previousLow;
    private AdxValue? _current;

    /// <summary>Creates the indicator.</summary>
    /// <param name="period">The smoothing period, 1 … 100 000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public Adx(int period = 14)
    {
        IndicatorArguments.Period(period, 1, nameof(period));
        Period = period;
        Name = "ADX(" + IndicatorArguments.Format(period) + ")";
        _trueRange = SeededAverage.Wilder(period);
        _plusMove = SeededAverage.Wilder(period);
        _minusMove = SeededAverage.Wilder(period);
        _adx = SeededAverage.Wilder(period);
    }

    /// <summary>The smoothing period.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int WarmUpPeriod => 2 * Period;

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
    public AdxValue? Current => _current;

    /// <summary>The directional index of two directional indicators: <c>100·|+DI − −DI| / (+DI + −DI)</c>, 0 when both are 0.</summary>
    /// <param name="plusDi">+DI.</param>
    /// <param name="minusDi">−DI.</param>
    /// <returns>DX, 0 … 100.</returns>
    public static double DirectionalIndex(double plusDi, double minusDi)
    {
        var sum = plusDi + minusDi;
        return sum > 0 ? 100 * Math.Abs(plusDi - minusDi) / sum : 0;
    }

    /// <inheritdoc/>
    public AdxValue? Next(Candle closed)
    {
        if (_gate.TryAccept(closed, out var bar))
        {
            if (_gate.Samples > 1)
            {
                // The moves are taken in decimal, so equal up and down moves tie exactly (and count for neither side).
                var up = (double)(closed.High - _previousHigh);
                var down = (double)(_previousLow - closed.Low);
                _plusMove.Add(up > down && up > 0 ? up : 0);
                _minusMove.Add(down > up && down > 0 ? down : 0);
                if (_trueRange.Add(TrueRange.Calculate(bar.High, bar.Low, _previousClose)))
                {
                    var range = _trueRange.Value;
                    var plusDi = range > 0 ? 100 * _plusMove.Value / range : 0;
                    var minusDi = range > 0 ? 100 * _minusMove.Value / range : 0;
                    _current = _adx.Add(DirectionalIndex(plusDi, minusDi)) ? new AdxValue(_adx.Value, plusDi, minusDi) : null;
                }
            }

            _previousClose = bar.Close;
            _previousHigh = closed.High;
            _previousLow = closed.Low;
            _gate.Settle(_current.HasValue);
        }

        return _current;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _trueRange.Reset();
        _plusMove.Reset();
        _minusMove.Reset();
        _adx.Reset();
        _gate.Reset();
        _previousClose = 0;
        _previousHigh = 0;
        _previousLow = 0;
        _current = null;
    }
}
