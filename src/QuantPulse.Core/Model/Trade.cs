namespace QuantPulse.Model;

/// <summary>A simulated (paper) trade opened on a signal; the close fields are null while it is open.</summary>
/// <param name="Id">A deterministic identifier (derived from the signal).</param>
/// <param name="SignalId">The signal that opened the trade.</param>
/// <param name="Asset">The symbol.</param>
/// <param name="Direction">Long (<see cref="SignalType.Buy"/>) or short (<see cref="SignalType.Sell"/>).</param>
/// <param name="EntryPrice">The price of the first tick after the signal.</param>
/// <param name="StopLoss">The stop level.</param>
/// <param name="TakeProfit">The target level.</param>
/// <param name="OpenTime">The time of the tick that opened the trade.</param>
public sealed record Trade(
    string Id,
    string SignalId,
    string Asset,
    SignalType Direction,
    decimal EntryPrice,
    decimal StopLoss,
    decimal TakeProfit,
    DateTimeOffset OpenTime)
{
    /// <summary>The time of the tick that closed the trade; null while open.</summary>
    public DateTimeOffset? CloseTime { get; init; }

    /// <summary>The outcome; null while open.</summary>
    public TradeResult? Result { get; init; }

    /// <summary>The price of the tick that closed the trade (a gap through a level fills at that tick); null while open.</summary>
    public decimal? ClosePrice { get; init; }

    /// <summary><c>CloseTime − OpenTime</c> in seconds; null while open.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Signed move from entry in the trade's direction, in percent (positive = in favour); null while open.</summary>
    public double? MovementPercentage { get; init; }

    /// <summary>Whether the trade is still open.</summary>
    public bool IsOpen => Result is null;
}
