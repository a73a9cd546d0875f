using QuantPulse.Model;

namespace QuantPulse.Analytics;

/// <summary>
/// The equity curve of a paper account that takes every trade with the same stake: the cumulative movement % of
/// the closed trades in the order they closed, and the drawdown from the running peak.
/// </summary>
public static class EquityCurve
{
    /// <summary>Builds the curve from trades; open trades are skipped.</summary>
    /// <param name="trades">Trades in any order.</param>
    /// <returns>One point per closed trade, in close order (ties by trade ID).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trades"/> is null.</exception>
    public static IReadOnlyList<EquityPoint> From(IEnumerable<Trade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var points = new List<EquityPoint>();
        var equity = 0.0;
        var peak = 0.0;
        foreach (var trade in trades
            .Where(t => t.CloseTime is not null && t.MovementPercentage is not null)
            .OrderBy(t => t.CloseTime)
            .ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            equity += trade.MovementPercentage!.Value;
            peak = Math.Max(peak, equity);
            points.Add(new EquityPoint(trade.CloseTime!.Value, trade.Id, equity, equity - peak));
        }

        return points;
    }
}

/// <summary>One point of an <see cref="EquityCurve"/>.</summary>
/// <param name="Time">When the trade closed.</param>
/// <param name="TradeId">The trade.</param>
/// <param name="CumulativeMovementPercentage">The sum of the movement % of every trade closed so far.</param>
/// <param name="DrawdownPercentage">How far below its running peak the curve is (zero or negative).</param>
public sealed record EquityPoint(DateTimeOffset Time, string TradeId, double CumulativeMovementPercentage, double DrawdownPercentage);
