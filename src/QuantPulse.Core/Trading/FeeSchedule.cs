namespace QuantPulse.Trading;

/// <summary>A fee per order, per share and in basis points of the notional, added together.</summary>
/// <remarks>
/// The per-order part is charged on an order's first fill only; the per-share and basis-point parts on every
/// fill. Fees are not rounded.
/// </remarks>
public sealed class FeeSchedule : IFeeModel
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="perOrder">Charged once per order.</param>
    /// <param name="perShare">Charged per unit filled.</param>
    /// <param name="basisPoints">Charged on the notional (quantity × price), in 1/10,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative.</exception>
    public FeeSchedule(decimal perOrder, decimal perShare, decimal basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perOrder);
        ArgumentOutOfRangeException.ThrowIfNegative(perShare);
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        PerOrder = perOrder;
        PerShare = perShare;
        BasisPoints = basisPoints;
    }

    /// <summary>Charged once per order.</summary>
    public decimal PerOrder { get; }

    /// <summary>Charged per unit filled.</summary>
    public decimal PerShare { get; }

    /// <summary>Charged on the notional, in basis points.</summary>
    public decimal BasisPoints { get; }

    /// <inheritdoc/>
    public decimal GetFee(FeeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.IsFirstFill ? PerOrder : 0m)
            + (PerShare * context.Quantity)
            + (BasisPoints / 10_000m * context.Quantity * context.Price);
    }
}
