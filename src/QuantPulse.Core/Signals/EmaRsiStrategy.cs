using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>
/// <c>ema-rsi</c>: a fast/slow EMA cross, confirmed by the RSI's side of 50, the RSI's room before
/// overbought/oversold, and the close's side of a trend EMA.
/// </summary>
/// <remarks>
/// <para>
/// <b>Trigger.</b> A buy when the fast EMA crosses above the slow one on this candle
/// (<c>fast[1] ≤ slow[1]</c> and <c>fast &gt; slow</c>); a sell when it crosses below
/// (<c>fast[1] ≥ slow[1]</c> and <c>fast &lt; slow</c>). Both EMAs need a value on this and the previous candle.
/// </para>
/// <para>
/// <b>Confirmations</b>, in this order after the trigger (<c>ema_cross</c>): <c>rsi_side</c> (buy: RSI &gt; 50,
/// sell: RSI &lt; 50), <c>rsi_room</c> (buy: RSI &lt; overbought, sell: RSI &gt; oversold) and <c>trend_ema</c>
/// (buy: close &gt; trend EMA, sell: close &lt; trend EMA). A check whose indicator is still warming up does not
/// agree. A cross raises a signal when at least <see cref="EmaRsiOptions.MinConfirmations"/> confirmations
/// agree; its confidence is <c>(1 + agreeing) / 4</c>.
/// </para>
/// <para>One instance per series; not thread-safe.</para>
/// </remarks>
internal sealed partial class EmaRsiStrategy : IStrategy
{
    private const double RsiMidline = 50;

    private readonly string _fast;
    private readonly string _slow;
    private readonly string _trend;
    private readonly string _rsi;
    private readonly double _overbought;
    private readonly double _oversold;
    private readonly int _minConfirmations;
    private double? _previousFast;
    private double? _previousSlow;

    public EmaRsiStrategy(EmaRsiOptions options)
    {
        Validate(options);
        var fast = IndicatorSpec.Ema(options.FastPeriod);
        var slow = IndicatorSpec.Ema(options.SlowPeriod);
        var trend = IndicatorSpec.Ema(options.TrendPeriod);
        var rsi = IndicatorSpec.Rsi(options.RsiPeriod);
        Indicators = [.. new[] { fast, slow, trend, rsi }.Distinct()];
        _fast = fast.Columns[0];
        _slow = slow.Columns[0];
        _trend = trend.Columns[0];
        _rsi = rsi.Columns[0];
        _overbought = options.RsiOverbought;
        _oversold = options.RsiOversold;
        _minConfirmations = options.MinConfirmations;
    }

    public IReadOnlyList<IndicatorSpec> Indicators { get; }

    internal static void Validate(EmaRsiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FastPeriod >= options.SlowPeriod)
        {
            throw new ArgumentException(
                $"FastPeriod ({options.FastPeriod}) must be below SlowPeriod ({options.SlowPeriod}).", nameof(options));
        }
    }

    public Signal? Evaluate(SignalContext context)
    {
        var values = context.Indicators;
        var fast = values[_fast];
        var slow = values[_slow];
        var previousFast = _previousFast;
        var previousSlow = _previousSlow;
        _previousFast = fast;
        _previousSlow = slow;
        if (fast is not { } f || slow is not { } s || previousFast is not { } pf || previousSlow is not { } ps)
        {
            return null;
        }

        SignalType type;
        if (pf <= ps && f > s)
        {
            type = SignalType.Buy;
        }
        else if (pf >= ps && f < s)
        {
            type = SignalType.Sell;
        }
        else
        {
            return null;
        }

        var buy = type == SignalType.Buy;
        var rsi = values[_rsi];
        var trend = values[_trend];
        var close = (double)context.Candle.Close;
        SignalConfirmation[] checks =
        [
            new("ema_cross", true, $"{_fast}={Text.Of(f)} crossed {(buy ? "above" : "below")} {_slow}={Text.Of(s)} (previously {Text.Of(pf)} vs {Text.Of(ps)})"),
            rsi is { } r
                ? new("rsi_side", buy ? r > RsiMidline : r < RsiMidline, $"{_rsi}={Text.Of(r)} {(buy ? ">" : "<")} {Text.Of(RsiMidline)} wanted")
                : new("rsi_side", false, $"{_rsi} warming up"),
            rsi is { } q
                ? new("rsi_room", buy ? q < _overbought : q > _oversold,
                    buy ? $"{_rsi}={Text.Of(q)} < overbought {Text.Of(_overbought)} wanted" : $"{_rsi}={Text.Of(q)} > oversold {Text.Of(_oversold)} wanted")
                : new("rsi_room", false, $"{_rsi} warming up"),
            trend is { } t
                ? new("trend_ema", buy ? close > t : close < t, $"close={Text.Of(close)} {(buy ? ">" : "<")} {_trend}={Text.Of(t)} wanted")
                : new("trend_ema", false, $"{_trend} warming up"),
        ];

        var agreeing = 0;
        for (var i = 1; i < checks.Length; i++)
        {
            agreeing += checks[i].Agrees ? 1 : 0;
        }

        return agreeing >= _minConfirmations ? context.CreateSignal(type, checks) : null;
    }
}
