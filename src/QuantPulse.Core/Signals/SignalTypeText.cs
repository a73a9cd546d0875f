using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>The stored and printed names of signal directions.</summary>
internal static class SignalTypeText
{
    public static string Of(SignalType type) => type == SignalType.Buy ? "BUY" : "SELL";
}
