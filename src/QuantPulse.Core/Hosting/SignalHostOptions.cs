using QuantPulse.Signals;

namespace QuantPulse.Hosting;

/// <summary>Risk/reward and filtering of every configured strategy's signals (<c>QuantPulse:Signals</c>).</summary>
/// <remarks>Defaults and allowed ranges are those of <see cref="RiskRewardOptions"/> and <see cref="SignalBlockOptions"/>; values are checked at start.</remarks>
public sealed class SignalHostOptions
{
    private static readonly RiskRewardOptions Defaults = new();

    /// <summary>Signals below this confidence are dropped and counted. Default: 0 (keep all).</summary>
    public double MinConfidence { get; set; }

    /// <summary>How the stop loss is placed: <c>Atr</c> (a multiple of ATR) or <c>Percent</c> of the entry.</summary>
    public RiskLevelMode StopLossMode { get; set; } = Defaults.StopLossMode;

    /// <summary>Stop-loss distance in ATRs. </summary>
    public double StopLossAtr { get; set; } = Defaults.StopLossAtr;

    /// <summary>Stop-loss distance in percent of the entry. </summary>
    public double StopLossPercent { get; set; } = Defaults.StopLossPercent;

    /// <summary>How the take profit is placed: <c>Atr</c> or <c>Percent</c>.</summary>
    public RiskLevelMode TakeProfitMode { get; set; } = Defaults.TakeProfitMode;

    /// <summary>Take-profit distance in ATRs. </summary>
    public double TakeProfitAtr { get; set; } = Defaults.TakeProfitAtr;

    /// <summary>Take-profit distance in percent of the entry. </summary>
    public double TakeProfitPercent { get; set; } = Defaults.TakeProfitPercent;

    /// <summary>The ATR period used for the levels. </summary>
    public int AtrPeriod { get; set; } = Defaults.AtrPeriod;

    /// <summary>Signals whose reward/risk is below this are dropped and counted. </summary>
    public double MinRiskReward { get; set; } = Defaults.MinRiskReward;

    internal SignalBlockOptions ToBlockOptions(int boundedCapacity) => new()
    {
        MinConfidence = MinConfidence,
        BoundedCapacity = boundedCapacity,
        RiskReward = new RiskRewardOptions
        {
            StopLossMode = StopLossMode,
            StopLossAtr = StopLossAtr,
            StopLossPercent = StopLossPercent,
            TakeProfitMode = TakeProfitMode,
            TakeProfitAtr = TakeProfitAtr,
            TakeProfitPercent = TakeProfitPercent,
            AtrPeriod = AtrPeriod,
            MinRiskReward = MinRiskReward,
        },
    };
}
