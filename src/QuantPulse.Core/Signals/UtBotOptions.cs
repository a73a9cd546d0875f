using QuantPulse.Internal;

namespace QuantPulse.Signals;

/// <summary>Parameters of the <c>utbot</c> strategy (see <see cref="StrategySpec.UtBot"/>), bindable from configuration.</summary>
/// <remarks>
/// <para>
/// Each property is checked when it is set; the rule between properties (<see cref="MinConfirmations"/> at most
/// the number of confirmations switched on) is checked when the strategy is created. The names and ranges are
/// the strategy's parameter schema in the <see cref="StrategyCatalog"/>.
/// </para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="KeyValue"/></term><description>1 (0.01 to 100)</description></item>
/// <item><term><see cref="AtrPeriod"/></term><description>10 (1 to 100,000)</description></item>
/// <item><term><see cref="UseHeikinAshi"/></term><description>false</description></item>
/// <item><term><see cref="TrendPeriod"/></term><description>0, no trend check (0 to 100,000)</description></item>
/// <item><term><see cref="MinConfirmations"/></term><description>0 (0 to 2)</description></item>
/// </list>
/// </remarks>
public sealed class UtBotOptions
{
    internal const int MaxPeriod = 100_000;

    private readonly double _keyValue = 1;
    private readonly int _atrPeriod = 10;
    private readonly int _trendPeriod;
    private readonly int _minConfirmations;

    /// <summary>The sensitivity: the trailing stop sits <c>KeyValue × ATR</c> from the source.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0.01 to 100.</exception>
    public double KeyValue
    {
        get => _keyValue;
        init => _keyValue = OptionGuard.InRange(value, 0.01, 100, nameof(KeyValue));
    }

    /// <summary>The period of the ATR (TradingView seeding, always on the real candles).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100,000.</exception>
    public int AtrPeriod
    {
        get => _atrPeriod;
        init => _atrPeriod = OptionGuard.InRange(value, 1, MaxPeriod, nameof(AtrPeriod));
    }

    /// <summary>Whether the source is the Heikin-Ashi close instead of the close.</summary>
    public bool UseHeikinAshi { get; init; }

    /// <summary>The period of an optional trend EMA the close should be on the right side of; 0 switches the check off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 100,000.</exception>
    public int TrendPeriod
    {
        get => _trendPeriod;
        init => _trendPeriod = OptionGuard.InRange(value, 0, MaxPeriod, nameof(TrendPeriod));
    }

    /// <summary>How many confirmations (candle direction, and the trend when on) must agree for a crossing to raise a signal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 2.</exception>
    public int MinConfirmations
    {
        get => _minConfirmations;
        init => _minConfirmations = OptionGuard.InRange(value, 0, 2, nameof(MinConfirmations));
    }

    /// <summary>The values in the order of the catalog's parameter schema.</summary>
    internal double[] ToValues() => [KeyValue, AtrPeriod, UseHeikinAshi ? 1 : 0, TrendPeriod, MinConfirmations];
}
