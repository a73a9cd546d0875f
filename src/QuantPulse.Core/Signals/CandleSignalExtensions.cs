using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>Runs a strategy over a finished list of candles: the batch form of <see cref="SignalBlock"/>.</summary>
public static class CandleSignalExtensions
{
    /// <summary>
    /// Computes the strategy's indicators and evaluates the strategy on every candle, per series, and returns the
    /// signals that pass the checks: the same signals a <see cref="SignalBlock"/> raises on the same candles.
    /// </summary>
    /// <param name="candles">Closed candles, in close order (several series may be interleaved).</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="options">The signal settings; null for the defaults.</param>
    /// <returns>The signals, in candle order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> or <paramref name="strategy"/> is null.</exception>
    public static IReadOnlyList<Signal> ToSignals(
        this IEnumerable<Candle> candles, StrategySpec strategy, SignalBlockOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(strategy);
        options ??= new SignalBlockOptions();
        var engine = new SignalEngine(strategy, options.RiskReward, options.MinConfidence);
        var sets = new Dictionary<(string, Timeframe), IndicatorSet>();
        var signals = new List<Signal>();
        foreach (var candle in candles)
        {
            if (!sets.TryGetValue((candle.Symbol, candle.Timeframe), out var set))
            {
                set = new IndicatorSet(engine.Indicators);
                sets.Add((candle.Symbol, candle.Timeframe), set);
            }

            var outcome = engine.Evaluate(candle, set.Next(candle));
            if (outcome.IsRaised)
            {
                signals.Add(outcome.Signal!);
            }
        }

        return signals;
    }
}
