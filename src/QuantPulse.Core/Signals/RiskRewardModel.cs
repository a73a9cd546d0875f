using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>Turns a direction and an entry into stop-loss and take-profit levels (see <see cref="RiskRewardOptions"/>).</summary>
/// <remarks>Immutable; one instance serves every series.</remarks>
internal sealed class RiskRewardModel
{
    private readonly RiskLevelMode _stopMode;
    private readonly RiskLevelMode _targetMode;
    private readonly double _stopAtr;
    private readonly decimal _stopFraction;
    private readonly double _targetAtr;
    private readonly decimal _targetFraction;

    public RiskRewardModel(RiskRewardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stopMode = options.StopLossMode;
        _targetMode = options.TakeProfitMode;
        _stopAtr = options.StopLossAtr;
        _targetAtr = options.TakeProfitAtr;
        _stopFraction = (decimal)options.StopLossPercent / 100m;
        _targetFraction = (decimal)options.TakeProfitPercent / 100m;
        MinRiskReward = options.MinRiskReward;
        if (_stopMode == RiskLevelMode.Atr || _targetMode == RiskLevelMode.Atr)
        {
            Atr = IndicatorSpec.Atr(options.AtrPeriod, AtrSeeding.TradingView);
            AtrColumn = Atr.Columns[0];
        }
    }

    /// <summary>The ATR the levels need, or null when both distances are percentages.</summary>
    public IndicatorSpec? Atr { get; }

    /// <summary>The column of <see cref="Atr"/>, such as <c>atr_tv_14</c>.</summary>
    public string? AtrColumn { get; }

    /// <summary>The least reward-to-risk ratio a signal must have.</summary>
    public double MinRiskReward { get; }

    /// <summary>The levels for a trade in <paramref name="type"/>'s direction from <paramref name="entry"/>.</summary>
    /// <param name="type">Buy or sell.</param>
    /// <param name="entry">The reference entry price.</param>
    /// <param name="values">The candle's indicator values (for the ATR).</param>
    /// <param name="stopLoss">The stop level; the entry when there is no distance.</param>
    /// <param name="takeProfit">The target level; the entry when there is no distance.</param>
    /// <returns>Whether both distances could be measured and are positive (false while the ATR warms up or is zero).</returns>
    public bool TryPlan(SignalType type, decimal entry, IndicatorValues values, out decimal stopLoss, out decimal takeProfit)
    {
        stopLoss = entry;
        takeProfit = entry;
        double? atr = null;
        if (AtrColumn is not null && (!values.TryGetValue(AtrColumn, out atr) || atr is null))
        {
            return false;
        }

        var stopDistance = _stopMode == RiskLevelMode.Atr ? ToDecimal(_stopAtr * atr!.Value) : entry * _stopFraction;
        var targetDistance = _targetMode == RiskLevelMode.Atr ? ToDecimal(_targetAtr * atr!.Value) : entry * _targetFraction;
        if (stopDistance <= 0m || targetDistance <= 0m)
        {
            return false;
        }

        var sign = type == SignalType.Buy ? 1m : -1m;
        stopLoss = entry - (sign * stopDistance);
        takeProfit = entry + (sign * targetDistance);
        return true;
    }

    /// <summary>Reward over risk of a signal's levels, <c>|TP − E| / |E − SL|</c>; 0 when the stop is at the entry.</summary>
    public static double Ratio(decimal entry, decimal stopLoss, decimal takeProfit)
    {
        var risk = Math.Abs(entry - stopLoss);
        return risk == 0m ? 0 : (double)(Math.Abs(takeProfit - entry) / risk);
    }

    // A distance far beyond any price is as useless as none; decimal cannot hold it anyway.
    private static decimal ToDecimal(double value) =>
        value is > 0 and < 1e20 ? (decimal)value : 0m;
}
