using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>
/// The UT Bot trailing stop and its crossings, candle by candle, for drawing: the same recursion, ATR and source as
/// the <c>utbot</c> strategy (<see cref="StrategySpec.UtBot"/>) with the same <see cref="UtBotOptions"/>.
/// </summary>
/// <remarks>
/// A crossing here is the strategy's trigger (<c>stop_cross</c>); the strategy raises a signal from it only when
/// enough confirmations agree (<see cref="UtBotOptions.MinConfirmations"/>). Feed closed candles of one series in
/// time order. Not thread-safe.
/// </remarks>
public sealed class UtBotTrail
{
    private readonly double _keyValue;
    private readonly Atr _atr;
    private readonly HeikinAshi? _heikinAshi;
    private UtBotState _state;

    /// <summary>Creates an empty trail.</summary>
    /// <param name="options">The strategy's parameters; null for the defaults.</param>
    public UtBotTrail(UtBotOptions? options = null)
    {
        options ??= new UtBotOptions();
        Options = options;
        _keyValue = options.KeyValue;
        _atr = new Atr(options.AtrPeriod, AtrSeeding.TradingView);
        _heikinAshi = options.UseHeikinAshi ? new HeikinAshi() : null;
    }

    /// <summary>The parameters.</summary>
    public UtBotOptions Options { get; }

    /// <summary>Takes the next closed candle.</summary>
    /// <param name="closed">The candle.</param>
    /// <returns>The stop after the candle and whether the source crossed it; null while the ATR warms up.</returns>
    public UtBotPoint? Next(Candle closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var atr = _atr.Next(closed);
        double source;
        if (_heikinAshi is not null)
        {
            if (_heikinAshi.Next(closed) is not { } ha)
            {
                return null;
            }

            source = ha.Close;
        }
        else
        {
            source = (double)closed.Close;
        }

        var step = _state.Next(source, atr, _keyValue);
        return step.Stop is { } stop ? new UtBotPoint(closed.OpenTime, stop, step.Cross) : null;
    }
}

/// <summary>The UT Bot trailing stop after one candle.</summary>
/// <param name="Time">The candle's open time.</param>
/// <param name="Stop">The trailing stop.</param>
/// <param name="Cross"><see cref="SignalType.Buy"/> when the source crossed over the stop on this candle, <see cref="SignalType.Sell"/> when under, null otherwise.</param>
public readonly record struct UtBotPoint(DateTimeOffset Time, double Stop, SignalType? Cross);
