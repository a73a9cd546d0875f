using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>What a strategy sees for one closed candle: the candle, its indicator values, and a factory for signals.</summary>
/// <remarks>
/// <para>
/// <see cref="CreateSignal"/> fills in everything a signal carries besides the direction and the checks: the
/// deterministic <see cref="Signal.Id"/> (<c>strategy:asset:timeframe:candle-open-time</c>), the timestamp (the
/// candle's close time), the entry (the candle's close), the stop loss and take profit from the configured
/// <see cref="RiskRewardOptions"/>, the reward-to-risk ratio and the confidence
/// (<see cref="ConfidenceOf"/>).
/// </para>
/// <para>A context is created for one call of <see cref="IStrategy.Evaluate"/>; it is immutable.</para>
/// </remarks>
public sealed class SignalContext
{
    private readonly RiskRewardModel _risk;

    /// <summary>Creates a context (the signal stage does this; tests and back-tests may too).</summary>
    /// <param name="strategyId">The strategy ID written on signals.</param>
    /// <param name="candle">The closed candle.</param>
    /// <param name="indicators">The indicator values on the candle.</param>
    /// <param name="riskReward">How stop loss and take profit are placed; null for the defaults.</param>
    /// <exception cref="ArgumentException">The strategy ID is empty or has characters other than letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</exception>
    public SignalContext(string strategyId, Candle candle, IndicatorValues indicators, RiskRewardOptions? riskReward = null)
        : this(strategyId, candle, indicators, new RiskRewardModel(riskReward ?? new RiskRewardOptions()))
    {
        StrategySpec.CheckId(strategyId);
    }

    internal SignalContext(string strategyId, Candle candle, IndicatorValues indicators, RiskRewardModel risk)
    {
        ArgumentNullException.ThrowIfNull(candle);
        ArgumentNullException.ThrowIfNull(indicators);
        StrategyId = strategyId;
        Candle = candle;
        Indicators = indicators;
        _risk = risk;
    }

    /// <summary>The ID of the strategy being evaluated.</summary>
    public string StrategyId { get; }

    /// <summary>The closed candle.</summary>
    public Candle Candle { get; }

    /// <summary>The indicator values on <see cref="Candle"/> (null values while an indicator warms up).</summary>
    public IndicatorValues Indicators { get; }

    /// <summary>
    /// The confidence of a set of checks: the share that agree with the signal, <c>agreeing / total</c>, in
    /// [0, 1]. The triggering check counts as one of them.
    /// </summary>
    /// <param name="confirmations">The checks, at least one.</param>
    /// <returns>The confidence.</returns>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public static double ConfidenceOf(IReadOnlyList<SignalConfirmation> confirmations)
    {
        ArgumentNullException.ThrowIfNull(confirmations);
        if (confirmations.Count == 0)
        {
            throw new ArgumentException("A signal records at least one check: the one that triggered it.", nameof(confirmations));
        }

        var agreeing = 0;
        foreach (var confirmation in confirmations)
        {
            agreeing += confirmation.Agrees ? 1 : 0;
        }

        return (double)agreeing / confirmations.Count;
    }

    /// <summary>Builds a signal on <see cref="Candle"/> in direction <paramref name="type"/>.</summary>
    /// <param name="type">Buy or sell.</param>
    /// <param name="confirmations">Every check made, the trigger first; the list is copied.</param>
    /// <returns>
    /// The signal. When the levels cannot be placed (the ATR still warming up, or zero on a flat market) its stop
    /// loss and take profit equal the entry and its ratio is 0; the signal stage then drops it as
    /// <see cref="SignalRejection.NoRisk"/>.
    /// </returns>
    /// <exception cref="ArgumentException">No confirmations, or <paramref name="type"/> is not defined.</exception>
    public Signal CreateSignal(SignalType type, IReadOnlyList<SignalConfirmation> confirmations)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException($"{type} is not a SignalType.", nameof(type));
        }

        var confidence = ConfidenceOf(confirmations);
        var entry = Candle.Close;
        _risk.TryPlan(type, entry, Indicators, out var stopLoss, out var takeProfit);
        return new Signal(
            SignalIds.For(StrategyId, Candle),
            Candle.Symbol,
            Candle.CloseTime,
            type,
            confidence,
            entry,
            stopLoss,
            takeProfit,
            RiskRewardModel.Ratio(entry, stopLoss, takeProfit),
            StrategyId,
            [.. confirmations])
        {
            Timeframe = Candle.Timeframe,
        };
    }
}
