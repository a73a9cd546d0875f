using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>What the engine did with one candle.</summary>
/// <param name="Signal">The signal the strategy raised, kept or dropped; null when it raised none.</param>
/// <param name="Rejection">Why the signal was dropped, or <see cref="SignalRejection.None"/> when it goes on.</param>
/// <param name="NewSeries">Whether the candle started a new series.</param>
internal readonly record struct SignalOutcome(Signal? Signal, SignalRejection Rejection, bool NewSeries)
{
    public bool IsRaised => Signal is not null && Rejection == SignalRejection.None;
}
