using QuantPulse.Model;

namespace QuantPulse.Sources.Live;

/// <summary>A tick with the venue's ordering key for its symbol (Deriv: epoch; Binance: aggregate trade id).</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Key">Strictly increasing per symbol on the venue; equal keys are the same tick.</param>
internal readonly record struct KeyedTick(Tick Tick, long Key);
