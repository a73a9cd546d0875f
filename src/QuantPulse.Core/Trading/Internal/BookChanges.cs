namespace QuantPulse.Trading.Internal;

/// <summary>What one call on the <see cref="PaperBook"/> changed: the orders' new states, the fills, the positions.</summary>
internal sealed class BookChanges
{
    public List<Order> Orders { get; } = [];

    public List<Fill> Fills { get; } = [];

    public Dictionary<string, Position> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>A tick moved the price of an open position without a fill: nothing to store, P&amp;L to show.</summary>
    public bool PricesMoved { get; set; }

    public bool IsEmpty => Orders.Count == 0 && Fills.Count == 0 && Positions.Count == 0;

    public void Add(BookChanges other)
    {
        foreach (var order in other.Orders)
        {
            Orders.RemoveAll(o => string.Equals(o.Id, order.Id, StringComparison.Ordinal));
            Orders.Add(order);
        }

        Fills.AddRange(other.Fills);
        foreach (var (symbol, position) in other.Positions)
        {
            Positions[symbol] = position;
        }

        PricesMoved |= other.PricesMoved;
    }
}
