using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>One candle's step of the UT Bot recursion: the new trailing stop and whether the source crossed it.</summary>
/// <param name="Stop">The trailing stop; null while the ATR warms up.</param>
/// <param name="Cross">Buy when the source crossed over the stop, sell when under; null otherwise.</param>
/// <param name="PreviousSource">The previous candle's source; null on the first candle.</param>
/// <param name="PreviousStop">The previous candle's stop; null when there was none.</param>
internal readonly record struct UtBotStep(double? Stop, SignalType? Cross, double? PreviousSource, double? PreviousStop);

/// <summary>
/// The state of the UT Bot recursion of one series (see <see cref="UtBotStrategy"/>): the previous source and stop.
/// Shared by the strategy and by <see cref="UtBotTrail"/>, so the chart draws exactly what the strategy trades on.
/// </summary>
internal struct UtBotState
{
    private double? _previousSource;
    private double? _previousStop;

    /// <summary>The stop after the last candle; null while the ATR warms up.</summary>
    public readonly double? Stop => _previousStop;

    /// <summary>Takes one candle's source and ATR (null while warming up).</summary>
    /// <param name="source">The close or the Heikin-Ashi close.</param>
    /// <param name="atr">The ATR, or null.</param>
    /// <param name="keyValue">The sensitivity.</param>
    /// <returns>The step.</returns>
    public UtBotStep Next(double source, double? atr, double keyValue)
    {
        var previousSource = _previousSource;
        var previousStop = _previousStop;
        _previousSource = source;
        if (atr is not { } value)
        {
            _previousStop = null;
            return new UtBotStep(null, null, previousSource, previousStop);
        }

        var stop = UtBotStrategy.NextStop(previousStop ?? 0, source, previousSource, keyValue * value);
        _previousStop = stop;
        SignalType? cross = source > stop && previousSource <= previousStop ? SignalType.Buy
            : source < stop && previousSource >= previousStop ? SignalType.Sell
            : null;
        return new UtBotStep(stop, cross, previousSource, previousStop);
    }
}
