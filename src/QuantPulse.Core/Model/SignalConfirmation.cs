namespace QuantPulse.Model;

/// <summary>One check a strategy made before raising a signal, and whether it agreed with the signal.</summary>
/// <param name="Name">A stable short name, such as <c>ema_cross</c> or <c>rsi_side</c>.</param>
/// <param name="Agrees">Whether the check supports the signal's direction.</param>
/// <param name="Detail">The values behind the check, for people (for example <c>rsi_14=57.2 &gt; 50</c>).</param>
public sealed record SignalConfirmation(string Name, bool Agrees, string Detail);
