using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>
/// Metrics of a strategy back-test, over its closed trades, each taken with the same stake: returns are the trades'
/// movement % (signed for the trade's direction), summed as <see cref="Analytics.EquityCurve"/> sums them.
/// </summary>
/// <param name="Trades">Trades opened.</param>
/// <param name="Closed">Trades closed (won, lost or expired).</param>
/// <param name="Wins">Trades that reached their target.</param>
/// <param name="Losses">Trades that reached their stop.</param>
/// <param name="Expired">Trades closed by the expiry.</param>
/// <param name="WinRate">Wins over closed trades; null without closed trades.</param>
/// <param name="TotalMovementPercentage">The sum of the closed trades' movement %.</param>
/// <param name="Expectancy">The mean movement % per closed trade; null without closed trades.</param>
/// <param name="ProfitFactor">Sum of positive movements over the sum of negative ones (absolute); null without a losing trade.</param>
/// <param name="MaxDrawdownPercentage">The largest fall of the equity curve below its running peak, in % points (zero or negative).</param>
/// <param name="AverageDurationSeconds">The mean time a closed trade was held; null without closed trades.</param>
public sealed record StrategyBacktestMetrics(
    int Trades,
    int Closed,
    int Wins,
    int Losses,
    int Expired,
    double? WinRate,
    double TotalMovementPercentage,
    double? Expectancy,
    double? ProfitFactor,
    double MaxDrawdownPercentage,
    double? AverageDurationSeconds)
{
    /// <summary>Computes the metrics of a set of trades.</summary>
    /// <param name="trades">The trades.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trades"/> is null.</exception>
    public static StrategyBacktestMetrics From(IReadOnlyList<Trade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var closed = trades.Where(t => !t.IsOpen && t.MovementPercentage is not null).ToList();
        var moves = closed.Select(t => t.MovementPercentage!.Value).ToList();
        var gain = moves.Where(m => m > 0).Sum();
        var loss = -moves.Where(m => m < 0).Sum();
        var equity = Analytics.EquityCurve.From(closed);
        return new StrategyBacktestMetrics(
            trades.Count,
            closed.Count,
            closed.Count(t => t.Result == TradeResult.Win),
            closed.Count(t => t.Result == TradeResult.Loss),
            closed.Count(t => t.Result == TradeResult.Expired),
            closed.Count == 0 ? null : (double)closed.Count(t => t.Result == TradeResult.Win) / closed.Count,
            moves.Sum(),
            closed.Count == 0 ? null : moves.Average(),
            loss > 0 ? gain / loss : null,
            equity.Count == 0 ? 0 : Math.Min(0, equity.Min(p => p.DrawdownPercentage)),
            closed.Count == 0 ? null : closed.Average(t => t.DurationSeconds ?? 0));
    }
}
