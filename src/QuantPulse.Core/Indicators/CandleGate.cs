using System.Runtime.CompilerServices;
using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// The forward-only and bad-input rules shared by every indicator, with their counters. A mutable struct held
/// in a field of its indicator, so the checks inline into <c>Next</c>.
/// </summary>
internal struct CandleGate
{
    private bool _started;
    private long _lastOpenTicks;

    public long Samples { readonly get; private set; }

    public long OutOfOrder { readonly get; private set; }

    public long Invalid { readonly get; private set; }

    public IndicatorStatus Status { readonly get; private set; }

    /// <summary>
    /// Accepts the candle when it is later than the last accepted one and its prices are possible, converting
    /// its prices to <see cref="double"/> once; otherwise counts the rejection.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAccept(Candle candle, out PriceBar bar)
    {
        ArgumentNullException.ThrowIfNull(candle);
        var openTicks = candle.OpenTime.UtcTicks;
        if (_started && openTicks <= _lastOpenTicks)
        {
            OutOfOrder++;
            Status = IndicatorStatus.RejectedOutOfOrder;
            bar = default;
            return false;
        }

        // decimal -> double is monotonic, so the ordering checks hold in double exactly as in decimal.
        var open = (double)candle.Open;
        var high = (double)candle.High;
        var low = (double)candle.Low;
        var close = (double)candle.Close;
        if (!(low > 0 && high >= low && open >= low && open <= high && close >= low && close <= high))
        {
            Invalid++;
            Status = IndicatorStatus.RejectedInvalid;
            bar = default;
            return false;
        }

        _started = true;
        _lastOpenTicks = openTicks;
        Samples++;
        bar = new PriceBar(open, high, low, close);
        return true;
    }

    /// <summary>Records the outcome of an accepted candle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Settle(bool ready) => Status = ready ? IndicatorStatus.Ok : IndicatorStatus.WarmingUp;

    public void Reset() => this = default;
}
