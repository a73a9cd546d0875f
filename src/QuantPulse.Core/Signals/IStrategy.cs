using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>
/// A trading strategy: looks at each closed candle of one series, with its indicator values, and returns at most
/// one <see cref="Signal"/>.
/// </summary>
/// <remarks>
/// <para>
/// The signal stage creates one instance per series (symbol and timeframe) through
/// <see cref="StrategySpec.CreateStrategy"/>, so an implementation may keep per-series state in fields (previous
/// values, a trailing stop) and never shares mutable state between series. Candles arrive once each, in order,
/// closed; an instance is only ever called from one thread at a time.
/// </para>
/// <para>
/// An exception thrown by <see cref="Evaluate"/> faults the signal stage and, through it, the pipeline: it is a
/// bug, not bad data. Build signals with <see cref="SignalContext.CreateSignal"/> so they carry deterministic
/// IDs and the configured risk/reward levels.
/// </para>
/// </remarks>
public interface IStrategy
{
    /// <summary>The indicators the strategy reads from <see cref="SignalContext.Indicators"/> (the same list on every instance).</summary>
    IReadOnlyList<IndicatorSpec> Indicators { get; }

    /// <summary>Evaluates one closed candle.</summary>
    /// <param name="context">The candle, its indicator values and the signal factory.</param>
    /// <returns>A signal, or null when the candle raises none.</returns>
    Signal? Evaluate(SignalContext context);
}
