namespace QuantPulse.Indicators;

/// <summary>
/// An incremental indicator: a state machine fed one closed candle at a time, O(1) per candle and without
/// allocating, that reports <c>null</c> until it has seen enough candles.
/// </summary>
/// <remarks>
/// <para>
/// Indicators are forward-only: a candle whose <see cref="Model.Candle.OpenTime"/> is not later than the last
/// accepted one is counted in <see cref="OutOfOrderCount"/> and ignored. A candle with impossible prices
/// (a price that is zero or negative, <c>High &lt; Low</c>, an open or close outside <c>[Low, High]</c>) is
/// counted in <see cref="InvalidCount"/> and ignored. Neither throws; <see cref="Status"/> says what happened to
/// the last candle offered.
/// </para>
/// <para>Instances are not thread-safe: one series, one thread (or external synchronisation).</para>
/// </remarks>
public interface IIndicator
{
    /// <summary>The display name with its parameters, such as <c>EMA(20)</c> or <c>MACD(12,26,9)</c>.</summary>
    string Name { get; }

    /// <summary>How many accepted candles it takes until the indicator produces its first value.</summary>
    int WarmUpPeriod { get; }

    /// <summary>Whether the indicator has a value, that is <see cref="Samples"/> ≥ <see cref="WarmUpPeriod"/>.</summary>
    bool IsReady { get; }

    /// <summary>How many candles were accepted (applied) since construction or the last <see cref="Reset"/>.</summary>
    long Samples { get; }

    /// <summary>How many candles were ignored because their open time was not later than the last accepted one.</summary>
    long OutOfOrderCount { get; }

    /// <summary>How many candles were ignored because their prices were impossible.</summary>
    long InvalidCount { get; }

    /// <summary>What happened to the last candle offered.</summary>
    IndicatorStatus Status { get; }

    /// <summary>Returns the indicator to its freshly constructed state, counters included.</summary>
    void Reset();
}
