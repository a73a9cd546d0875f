using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>
/// The forward-only and bad-input rules every indicator applies (see <see cref="IIndicator"/>), with their
/// counters: the building block for an indicator's <see cref="IIndicator.Samples"/>,
/// <see cref="IIndicator.OutOfOrderCount"/>, <see cref="IIndicator.InvalidCount"/> and <see cref="IIndicator.Status"/>.
/// </summary>
/// <remarks>
/// A mutable struct: keep it in a (non-readonly) field of the indicator, so the checks inline into <c>Next</c>
/// and nothing is allocated. Call <see cref="TryAccept(Candle, out PriceBar)"/> first in <c>Next</c>; when it returns
/// <see langword="true"/> apply the bar and call <see cref="Settle"/>. Not thread-safe.
/// </remarks>
[SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "Mutable state held in a field, never compared.")]
public struct CandleGate
{
    private bool _started;
    private long _lastOpenTicks;

    /// <summary>How many candles were accepted since construction or the last <see cref="Reset"/>.</summary>
    public long Samples { readonly get; private set; }

    /// <summary>How many candles were refused because their open time was not later than the last accepted one.</summary>
    public long OutOfOrder { readonly get; private set; }

    /// <summary>How many candles were refused because their prices were impossible.</summary>
    public long Invalid { readonly get; private set; }

    /// <summary>What happened to the last candle offered.</summary>
    public IndicatorStatus Status { readonly get; private set; }

    /// <summary>
    /// Accepts the candle when it is later than the last accepted one and its prices are possible, converting
    /// its prices to <see cref="double"/> once; otherwise counts the rejection and sets <see cref="Status"/>.
    /// </summary>
    /// <param name="candle">The candle offered.</param>
    /// <param name="bar">The candle's prices, when accepted.</param>
    /// <returns>Whether the indicator should apply the candle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candle"/> is null.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAccept(Candle candle, out PriceBar bar)
    {
        ArgumentNullException.ThrowIfNull(candle);

        // decimal -> double is monotonic, so the ordering checks hold in double exactly as in decimal.
        bar = PriceBar.From(candle);
        if (TryAccept(candle.OpenTime.UtcTicks, bar))
        {
            return true;
        }

        bar = default;
        return false;
    }

    /// <summary>
    /// Accepts a bar given as its open time and its prices in <see cref="double"/> when it is later than the last
    /// accepted one and its prices are possible; otherwise counts the rejection and sets <see cref="Status"/>. The
    /// same rules as <see cref="TryAccept(Candle, out PriceBar)"/>, which converts a candle and calls this.
    /// </summary>
    /// <param name="openTimeUtcTicks">The bar's open time, in UTC ticks.</param>
    /// <param name="prices">The bar's prices.</param>
    /// <returns>Whether the indicator should apply the bar.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAccept(long openTimeUtcTicks, in PriceBar prices)
    {
        if (_started && openTimeUtcTicks <= _lastOpenTicks)
        {
            OutOfOrder++;
            Status = IndicatorStatus.RejectedOutOfOrder;
            return false;
        }

        if (!prices.IsPossible)
        {
            Invalid++;
            Status = IndicatorStatus.RejectedInvalid;
            return false;
        }

        _started = true;
        _lastOpenTicks = openTimeUtcTicks;
        Samples++;
        return true;
    }

    /// <summary>Records the outcome of an accepted candle: <see cref="IndicatorStatus.Ok"/> or <see cref="IndicatorStatus.WarmingUp"/>.</summary>
    /// <param name="ready">Whether the indicator has a value after the candle.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Settle(bool ready) => Status = ready ? IndicatorStatus.Ok : IndicatorStatus.WarmingUp;

    /// <summary>Returns to the freshly constructed state, counters included.</summary>
    public void Reset() => this = default;
}
