namespace QuantPulse.Trading;

/// <summary>Which orders to list.</summary>
/// <param name="Status">Only orders in this status; null for all.</param>
/// <param name="Symbol">Only orders for this symbol; null for all.</param>
/// <param name="OpenOnly">Only orders that can still fill.</param>
public sealed record OrderQuery(OrderStatus? Status = null, string? Symbol = null, bool OpenOnly = false)
{
    /// <summary>Every order.</summary>
    public static OrderQuery All { get; } = new();

    /// <summary>Whether <paramref name="order"/> matches.</summary>
    /// <param name="order">The order.</param>
    /// <returns>True when it matches every given criterion.</returns>
    public bool Matches(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return (Status is null || order.Status == Status)
            && (Symbol is null || string.Equals(order.Symbol, Symbol, StringComparison.Ordinal))
            && (!OpenOnly || order.IsOpen);
    }
}
