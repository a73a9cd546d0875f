namespace QuantPulse.Alerts;

/// <summary>One firing of an <see cref="AlertRule"/>.</summary>
/// <param name="RuleId">The rule's ID.</param>
/// <param name="RuleName">The rule's name.</param>
/// <param name="Symbol">The symbol whose tick or candle fired the rule.</param>
/// <param name="Condition">The rule's condition.</param>
/// <param name="Value">
/// The value that fired: the price, the indicator value, the move in percent, the candle volume or the z-score.
/// </param>
/// <param name="Threshold">What the value was compared with: the level, the other indicator's value, the signed percent, factor × mean volume, or the signed z threshold.</param>
/// <param name="Time">The time of the tick, or the close time of the candle, that fired.</param>
/// <param name="CandleOpenTime">The open time of the candle that fired, or null for a tick.</param>
/// <param name="Message">A one-line description.</param>
public sealed record AlertTrigger(
    long RuleId,
    string RuleName,
    string Symbol,
    AlertCondition Condition,
    double Value,
    double Threshold,
    DateTimeOffset Time,
    DateTimeOffset? CandleOpenTime,
    string Message)
{
    /// <summary>The stored trigger's ID; 0 until it is stored.</summary>
    public long Id { get; init; }

    /// <summary>The webhook delivery state.</summary>
    public AlertDelivery Delivery { get; init; }

    /// <summary>How many delivery attempts were made.</summary>
    public int DeliveryAttempts { get; init; }

    /// <summary>The last delivery error, in one line, or null.</summary>
    public string? DeliveryError { get; init; }
}
