using QuantPulse.Internal;

namespace QuantPulse.Signals;

/// <summary>How signals get their stop loss and take profit, and the least reward-to-risk a signal must offer.</summary>
/// <remarks>
/// <para>
/// For a buy at entry <c>E</c> the stop is <c>E − d_sl</c> and the target <c>E + d_tp</c>; a sell mirrors them.
/// A distance is <c>multiple × ATR</c> (<see cref="RiskLevelMode.Atr"/>, the <c>atr_tv_N</c> column of the
/// candle's series with <c>N</c> = <see cref="AtrPeriod"/>) or <c>E × percent / 100</c>
/// (<see cref="RiskLevelMode.Percent"/>). The ratio is <c>d_tp / d_sl</c>; signals below
/// <see cref="MinRiskReward"/> are dropped and counted. Every property is checked when set; bind from
/// configuration or set in code.
/// </para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default (allowed range)</description></listheader>
/// <item><term><see cref="StopLossMode"/></term><description><see cref="RiskLevelMode.Atr"/></description></item>
/// <item><term><see cref="StopLossAtr"/></term><description>1.5 (0.01 to 100)</description></item>
/// <item><term><see cref="StopLossPercent"/></term><description>0.5 (0.001 to 99)</description></item>
/// <item><term><see cref="TakeProfitMode"/></term><description><see cref="RiskLevelMode.Atr"/></description></item>
/// <item><term><see cref="TakeProfitAtr"/></term><description>3 (0.01 to 100)</description></item>
/// <item><term><see cref="TakeProfitPercent"/></term><description>1 (0.001 to 99)</description></item>
/// <item><term><see cref="AtrPeriod"/></term><description>14 (1 to 100,000)</description></item>
/// <item><term><see cref="MinRiskReward"/></term><description>1.5 (0 to 100)</description></item>
/// </list>
/// </remarks>
public sealed class RiskRewardOptions
{
    private readonly RiskLevelMode _stopLossMode = RiskLevelMode.Atr;
    private readonly RiskLevelMode _takeProfitMode = RiskLevelMode.Atr;
    private readonly double _stopLossAtr = 1.5;
    private readonly double _stopLossPercent = 0.5;
    private readonly double _takeProfitAtr = 3;
    private readonly double _takeProfitPercent = 1;
    private readonly int _atrPeriod = 14;
    private readonly double _minRiskReward = 1.5;

    /// <summary>How the stop-loss distance is measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public RiskLevelMode StopLossMode
    {
        get => _stopLossMode;
        init => _stopLossMode = Defined(value, nameof(StopLossMode));
    }

    /// <summary>With <see cref="RiskLevelMode.Atr"/>: the stop distance in ATRs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0.01 to 100.</exception>
    public double StopLossAtr
    {
        get => _stopLossAtr;
        init => _stopLossAtr = OptionGuard.InRange(value, 0.01, 100, nameof(StopLossAtr));
    }

    /// <summary>With <see cref="RiskLevelMode.Percent"/>: the stop distance in percent of the entry.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0.001 to 99.</exception>
    public double StopLossPercent
    {
        get => _stopLossPercent;
        init => _stopLossPercent = OptionGuard.InRange(value, 0.001, 99, nameof(StopLossPercent));
    }

    /// <summary>How the take-profit distance is measured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public RiskLevelMode TakeProfitMode
    {
        get => _takeProfitMode;
        init => _takeProfitMode = Defined(value, nameof(TakeProfitMode));
    }

    /// <summary>With <see cref="RiskLevelMode.Atr"/>: the target distance in ATRs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0.01 to 100.</exception>
    public double TakeProfitAtr
    {
        get => _takeProfitAtr;
        init => _takeProfitAtr = OptionGuard.InRange(value, 0.01, 100, nameof(TakeProfitAtr));
    }

    /// <summary>With <see cref="RiskLevelMode.Percent"/>: the target distance in percent of the entry.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0.001 to 99 (a sell's target must stay above zero).</exception>
    public double TakeProfitPercent
    {
        get => _takeProfitPercent;
        init => _takeProfitPercent = OptionGuard.InRange(value, 0.001, 99, nameof(TakeProfitPercent));
    }

    /// <summary>The period of the ATR used by <see cref="RiskLevelMode.Atr"/> distances (TradingView seeding).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 100,000.</exception>
    public int AtrPeriod
    {
        get => _atrPeriod;
        init => _atrPeriod = OptionGuard.InRange(value, 1, 100_000, nameof(AtrPeriod));
    }

    /// <summary>The least reward-to-risk ratio a signal must have; weaker signals are dropped and counted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to 100.</exception>
    public double MinRiskReward
    {
        get => _minRiskReward;
        init => _minRiskReward = OptionGuard.InRange(value, 0, 100, nameof(MinRiskReward));
    }

    private static RiskLevelMode Defined(RiskLevelMode value, string name) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Not a defined RiskLevelMode.");
}
