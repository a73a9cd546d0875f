namespace QuantPulse.Trading.Internal;

/// <summary>The paper account as stored: every order in placement order, the positions, cash and fees.</summary>
/// <param name="Orders">Every order, oldest first.</param>
/// <param name="Positions">Every position ever held (flat ones keep their realised P&amp;L).</param>
/// <param name="Cash">The cash, or null for a new account.</param>
/// <param name="Fees">The fees paid.</param>
/// <param name="FillSequence">The number of the last fill.</param>
internal sealed record TradingSnapshot(IReadOnlyList<Order> Orders, IReadOnlyList<Position> Positions, decimal? Cash, decimal Fees, long FillSequence)
{
    public static TradingSnapshot Empty { get; } = new([], [], null, 0m, 0);
}
