using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>Deterministic identifiers: a replay of the same candles gives the same IDs, and nothing reads a clock.</summary>
internal static class SignalIds
{
    /// <summary><c>strategy:asset:timeframe:yyyyMMddTHHmmssZ</c> of the candle's open time, such as <c>utbot:R_100:1m:20250426T135200Z</c>.</summary>
    /// <remarks>A strategy raises at most one signal per candle, so the ID is unique per strategy and series.</remarks>
    public static string For(string strategyId, Candle candle) => string.Create(
        CultureInfo.InvariantCulture,
        $"{strategyId}:{candle.Symbol}:{candle.Timeframe.Name}:{candle.OpenTime.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");

    /// <summary>The timeframe named in a strategy signal's ID (the form <see cref="For"/> writes).</summary>
    /// <param name="signal">A signal, as stored (the store keeps no timeframe column).</param>
    /// <returns>The timeframe, or <c>null</c> for an ID of another form (a manual trade's signal).</returns>
    public static Timeframe? TimeframeOf(Signal signal)
    {
        var prefix = signal.Strategy + ":" + signal.Asset + ":";
        if (!signal.Id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = signal.Id.AsSpan(prefix.Length);
        var colon = rest.IndexOf(':');
        return colon > 0 && Timeframe.TryParse(rest[..colon], CultureInfo.InvariantCulture, out var timeframe) ? timeframe : null;
    }

    /// <summary>The ID of the trade opened on a signal: <c>trade:</c> and the signal ID.</summary>
    public static string TradeFor(string signalId) => "trade:" + signalId;
}
