using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>
/// <c>utbot</c>: UT Bot Alerts. An ATR trailing stop that ratchets with the trend; a buy when the source crosses
/// above it, a sell when it crosses below.
/// </summary>
/// <remarks>
/// <para>
/// The source <c>src</c> is the close, or with <see cref="UtBotOptions.UseHeikinAshi"/> the Heikin-Ashi close
/// (<c>ha_close</c>); the ATR is always the real candles' <c>atr_tv_N</c> (TradingView seeding). With
/// <c>loss = KeyValue × ATR</c> and <c>p</c> the previous stop (0 before the first one), each candle's stop is
/// (<see cref="NextStop"/>):
/// </para>
/// <list type="bullet">
/// <item><c>max(p, src − loss)</c> when <c>src &gt; p</c> and <c>src[1] &gt; p</c> (an up-trend ratchets up);</item>
/// <item><c>min(p, src + loss)</c> when <c>src &lt; p</c> and <c>src[1] &lt; p</c> (a down-trend ratchets down);</item>
/// <item>otherwise <c>src − loss</c> when <c>src &gt; p</c> and <c>src + loss</c> when not (a flip).</item>
/// </list>
/// <para>
/// There is no stop while the ATR warms up. A buy is raised when <c>src &gt; stop</c> and <c>src[1] ≤ stop[1]</c>
/// (the source crosses over the stop), a sell when <c>src &lt; stop</c> and <c>src[1] ≥ stop[1]</c>; the first
/// candle with a stop has no previous stop and raises nothing. The trigger is recorded as <c>stop_cross</c>; the
/// confirmations are <c>candle_direction</c> (the candle, or its Heikin-Ashi candle, closes in the signal's
/// direction) and, with a <see cref="UtBotOptions.TrendPeriod"/>, <c>trend_ema</c> (the close on the signal's
/// side of the trend EMA). Confidence is agreeing checks over all checks, the trigger included.
/// </para>
/// <para>One instance per series; not thread-safe.</para>
/// </remarks>
internal sealed partial class UtBotStrategy : IStrategy
{
    private readonly double _keyValue;
    private readonly bool _heikinAshi;
    private readonly string _atr;
    private readonly string? _trend;
    private readonly int _minConfirmations;
    private UtBotState _state;

    public UtBotStrategy(UtBotOptions options)
    {
        Validate(options);
        _keyValue = options.KeyValue;
        _heikinAshi = options.UseHeikinAshi;
        _minConfirmations = options.MinConfirmations;
        var atr = IndicatorSpec.Atr(options.AtrPeriod, AtrSeeding.TradingView);
        _atr = atr.Columns[0];
        var specs = new List<IndicatorSpec> { atr };
        if (_heikinAshi)
        {
            specs.Add(IndicatorSpec.HeikinAshi());
        }

        if (options.TrendPeriod > 0)
        {
            var trend = IndicatorSpec.Ema(options.TrendPeriod);
            _trend = trend.Columns[0];
            specs.Add(trend);
        }

        Indicators = specs;
    }

    public IReadOnlyList<IndicatorSpec> Indicators { get; }

    /// <summary>The trailing stop after the last candle; null while the ATR warms up.</summary>
    internal double? TrailingStop => _state.Stop;

    /// <summary>The trailing stop after the previous stop (0 when there was none).</summary>
    /// <param name="previousStop">The previous stop, or 0.</param>
    /// <param name="source">This candle's source.</param>
    /// <param name="previousSource">The previous candle's source; null on the first candle (every comparison with it fails).</param>
    /// <param name="loss">KeyValue × ATR.</param>
    /// <returns>The new stop.</returns>
    internal static double NextStop(double previousStop, double source, double? previousSource, double loss)
    {
        if (source > previousStop && previousSource > previousStop)
        {
            return Math.Max(previousStop, source - loss);
        }

        if (source < previousStop && previousSource < previousStop)
        {
            return Math.Min(previousStop, source + loss);
        }

        return source > previousStop ? source - loss : source + loss;
    }

    internal static void Validate(UtBotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var available = options.TrendPeriod > 0 ? 2 : 1;
        if (options.MinConfirmations > available)
        {
            throw new ArgumentException(
                $"MinConfirmations ({options.MinConfirmations}) is more than the {available} confirmation(s) switched on; set TrendPeriod to add the trend check.",
                nameof(options));
        }
    }

    public Signal? Evaluate(SignalContext context)
    {
        var values = context.Indicators;
        var candle = context.Candle;
        double source;
        double open;
        if (_heikinAshi)
        {
            if (values["ha_close"] is not { } haClose || values["ha_open"] is not { } haOpen)
            {
                return null;
            }

            source = haClose;
            open = haOpen;
        }
        else
        {
            source = (double)candle.Close;
            open = (double)candle.Open;
        }

        var step = _state.Next(source, values[_atr], _keyValue);
        if (step.Cross is not { } type)
        {
            return null;
        }

        var (stop, previousSource, previousStop) = (step.Stop!.Value, step.PreviousSource, step.PreviousStop);
        var atr = values[_atr]!.Value;
        var buy = type == SignalType.Buy;
        var name = _heikinAshi ? "ha_close" : "close";
        var checks = new List<SignalConfirmation>(3)
        {
            new("stop_cross", true, $"{name}={Text.Of(source)} crossed {(buy ? "above" : "below")} the trailing stop {Text.Of(stop)} (previously {Text.Of(previousSource!.Value)} vs {Text.Of(previousStop!.Value)}; {_atr}={Text.Of(atr)})"),
            new("candle_direction", buy ? source > open : source < open, $"{name}={Text.Of(source)} {(buy ? ">" : "<")} {(_heikinAshi ? "ha_open" : "open")}={Text.Of(open)} wanted"),
        };

        if (_trend is not null)
        {
            var close = (double)candle.Close;
            checks.Add(values[_trend] is { } trend
                ? new("trend_ema", buy ? close > trend : close < trend, $"close={Text.Of(close)} {(buy ? ">" : "<")} {_trend}={Text.Of(trend)} wanted")
                : new("trend_ema", false, $"{_trend} warming up"));
        }

        var agreeing = checks.Count(c => c.Agrees) - 1;
        return agreeing >= _minConfirmations ? context.CreateSignal(type, checks) : null;
    }
}
