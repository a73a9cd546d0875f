using QuantPulse.Model;

namespace QuantPulse.Simulation;

/// <summary>How far a trade has moved in its own direction.</summary>
public static class TradeMovement
{
    /// <summary>
    /// The movement of <paramref name="trade"/> at <paramref name="price"/>, in percent of its entry, positive in the
    /// trade's favour: what <see cref="Trade.MovementPercentage"/> would be if it closed there.
    /// </summary>
    /// <param name="trade">The trade.</param>
    /// <param name="price">The price (the last tick for an open trade's unrealised movement).</param>
    /// <returns>The movement in percent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trade"/> is null.</exception>
    public static double Percentage(Trade trade, decimal price)
    {
        ArgumentNullException.ThrowIfNull(trade);
        var move = trade.Direction == SignalType.Buy ? price - trade.EntryPrice : trade.EntryPrice - price;
        return trade.EntryPrice == 0m ? 0 : (double)(move / trade.EntryPrice * 100m);
    }
}
