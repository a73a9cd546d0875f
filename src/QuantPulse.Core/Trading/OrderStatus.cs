namespace QuantPulse.Trading;

/// <summary>Where an order is in its life.</summary>
public enum OrderStatus
{
    /// <summary>Received, not yet acknowledged by the broker.</summary>
    New,

    /// <summary>Acknowledged and working.</summary>
    Accepted,

    /// <summary>Part of the quantity has filled; the rest is still working.</summary>
    PartiallyFilled,

    /// <summary>The whole quantity has filled.</summary>
    Filled,

    /// <summary>Canceled before it filled completely (by the user, an OCO sibling, or IOC/FOK rules).</summary>
    Canceled,

    /// <summary>Refused; <see cref="Order.RejectReason"/> says why.</summary>
    Rejected,

    /// <summary>Its time in force ran out.</summary>
    Expired,
}
