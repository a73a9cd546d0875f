namespace QuantPulse.Model;

/// <summary>A trading signal raised by a strategy on a closed candle, with its risk/reward plan.</summary>
/// <remarks>
/// Signals are deterministic: the same candles give the same signals, ids included, so a replay reproduces
/// them exactly. Prices are <c>decimal</c>; <see cref="Confidence"/> and <see cref="RrRatio"/> are ratios.
/// </remarks>
/// <param name="Id">A deterministic identifier derived from the strategy, asset, timeframe and candle.</param>
/// <param name="Asset">The symbol.</param>
/// <param name="Timestamp">When the signal was raised: the close time (bucket end) of the candle it was evaluated on.</param>
/// <param name="Type">Buy or sell.</param>
/// <param name="Confidence">In [0, 1]: the share of the strategy's confirmations that agree.</param>
/// <param name="Entry">The reference entry price (the candle close); the simulator fills at the next tick.</param>
/// <param name="StopLoss">The protective stop.</param>
/// <param name="TakeProfit">The profit target.</param>
/// <param name="RrRatio">Reward over risk: <c>|TakeProfit − Entry| / |Entry − StopLoss|</c>.</param>
/// <param name="Strategy">The strategy id, such as <c>ema-rsi</c> or <c>utbot</c>.</param>
/// <param name="Confirmations">Every check the strategy made, in a fixed order.</param>
public sealed record Signal(
    string Id,
    string Asset,
    DateTimeOffset Timestamp,
    SignalType Type,
    double Confidence,
    decimal Entry,
    decimal StopLoss,
    decimal TakeProfit,
    double RrRatio,
    string Strategy,
    IReadOnlyList<SignalConfirmation> Confirmations)
{
    /// <summary>The timeframe of the candle the signal was raised on, when known.</summary>
    public Timeframe? Timeframe { get; init; }
}
