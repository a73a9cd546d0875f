namespace QuantPulse.Model;

/// <summary>A signal at its place in the tick stream.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Position">The <see cref="ClosedCandle.Position"/> of the candle it was raised on.</param>
public sealed record RaisedSignal(Signal Signal, int Position);
