using QuantPulse.Internal;

namespace QuantPulse.Signals;

/// <summary>Parameters of the <c>ema-rsi</c> strategy (see <see cref="StrategySpec.EmaRsi"/>), bindable from configuration.</summary>
/// <remarks>
/// <para>
/// Each property is checked when it is set; the rule between properties (<see cref="FastPeriod"/> below
/// <see cref="SlowPeriod"/>) is checked when the strategy is created. The names and ranges are the
/// strategy's parameter schema in the <see cref="StrategyCatalog"/>.
/// </para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="FastPeriod"/></term><description>9 (1 to 100,000)</description></item>
/// <item><term><see cref="SlowPeriod"/></term><description>21 (2 to 100,000)</description></item>
/// <item><term><see cref="TrendPeriod"/></term><description>50 (1 to 100,000)</description></item>
/// <item><term><see cref="RsiPeriod"/></term><description>14 (1 to 100,000)</description></item>
/// <item><term><see cref="RsiOverbought"/></term><description>70 (50 to 100)</description></item>
/// <item><term><see cref="RsiOversold"/></term><description>30 (0 to 50)</description></item>
/// <item><term><see cref="MinConfirmations"/></term><description>2 (0 to 3)</description></item>
/// </list>
/// </remarks>
public sealed class EmaRsiOptions
{
    internal const int MaxPeriod = 100_000;
    internal const int ConfirmationCount = 3;

    private readonly int _fastPeriod = 9;
    private readonly int _slowPeriod = 21;
    private readonly int _trendPeriod = 50;
    private readonly int _rsiPeriod = 14;
    private readonly double _rsiOverbought = 70;
    private readonly double _rsiOversold = 30;
    private readonly int _minConfirmations = 2;

    /// <summary>The period of the fast EMA, whose cross of the slow EMA triggers a signal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100,000.</exception>
    public int FastPeriod
    {
        get => _fastPeriod;
        init => _fastPeriod = OptionGuard.InRange(value, 1, MaxPeriod, nameof(FastPeriod));
    }

    /// <summary>The period of the slow EMA.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 2 to 100,000.</exception>
    public int SlowPeriod
    {
        get => _slowPeriod;
        init => _slowPeriod = OptionGuard.InRange(value, 2, MaxPeriod, nameof(SlowPeriod));
    }

    /// <summary>The period of the trend EMA the close must be on the right side of.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100,000.</exception>
    public int TrendPeriod
    {
        get => _trendPeriod;
        init => _trendPeriod = OptionGuard.InRange(value, 1, MaxPeriod, nameof(TrendPeriod));
    }

    /// <summary>The period of the RSI (Wilder).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100,000.</exception>
    public int RsiPeriod
    {
        get => _rsiPeriod;
        init => _rsiPeriod = OptionGuard.InRange(value, 1, MaxPeriod, nameof(RsiPeriod));
    }

    /// <summary>At or above this RSI a buy has no room left (overbought).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 50 to 100.</exception>
    public double RsiOverbought
    {
        get => _rsiOverbought;
        init => _rsiOverbought = OptionGuard.InRange(value, 50, 100, nameof(RsiOverbought));
    }

    /// <summary>At or below this RSI a sell has no room left (oversold).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 50.</exception>
    public double RsiOversold
    {
        get => _rsiOversold;
        init => _rsiOversold = OptionGuard.InRange(value, 0, 50, nameof(RsiOversold));
    }

    /// <summary>How many of the three confirmations (RSI side, RSI room, trend) must agree for a cross to raise a signal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 3.</exception>
    public int MinConfirmations
    {
        get => _minConfirmations;
        init => _minConfirmations = OptionGuard.InRange(value, 0, ConfirmationCount, nameof(MinConfirmations));
    }

    /// <summary>The values in the order of the catalog's parameter schema.</summary>
    internal double[] ToValues() =>
        [FastPeriod, SlowPeriod, TrendPeriod, RsiPeriod, RsiOverbought, RsiOversold, MinConfirmations];
}
