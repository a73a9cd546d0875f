using System.Runtime.CompilerServices;

namespace QuantPulse.Indicators;

/// <summary>
/// An exponential average over plain doubles, seeded with the simple mean of the first <c>period</c> values
/// (summed in arrival order), then <c>prev + k·(x − prev)</c>: with <c>k = 2 / (period + 1)</c> an EMA, with
/// <c>k = 1 / period</c> Wilder's smoothing (SMMA). Shared by <see cref="Ema"/>, <see cref="Smma"/>,
/// <see cref="Rsi"/>, <see cref="Atr"/> and the three averages of <see cref="Macd"/>.
/// </summary>
internal struct SeededAverage
{
    private readonly int _period;
    private readonly double _k;
    private int _count;
    private double _sum;

    private SeededAverage(int period, double k)
    {
        _period = period;
        _k = k;
    }

    public readonly bool IsReady => _count == _period;

    public double Value { readonly get; private set; }

    /// <summary>An EMA: <c>prev + k·(x − prev)</c> with <c>k = 2 / (period + 1)</c>.</summary>
    public static SeededAverage Exponential(int period) => new(period, Ema.SmoothingFactor(period));

    /// <summary>Wilder's smoothing: <c>prev + (x − prev) / period</c>, that is <c>(prev·(period − 1) + x) / period</c>.</summary>
    public static SeededAverage Wilder(int period) => new(period, Smma.SmoothingFactor(period));

    /// <summary>Adds a value; returns whether <see cref="Value"/> is now defined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(double x)
    {
        if (_count == _period)
        {
            Value = Ema.Increment(_k, Value, x);
            return true;
        }

        _sum += x;
        if (++_count < _period)
        {
            return false;
        }

        Value = _sum / _period;
        return true;
    }

    public void Reset()
    {
        _count = 0;
        _sum = 0;
        Value = 0;
    }
}
