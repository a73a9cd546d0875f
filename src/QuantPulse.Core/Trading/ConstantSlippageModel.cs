namespace QuantPulse.Trading;

/// <summary>Slips every fill by a fixed price distance plus a share of the price in basis points.</summary>
public sealed class ConstantSlippageModel : ISlippageModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="distance">A fixed price distance.</param>
    /// <param name="basisPoints">A share of the tick price, in 1/10,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A part is negative.</exception>
    public ConstantSlippageModel(decimal distance, decimal basisPoints = 0m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distance);
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        Distance = distance;
        BasisPoints = basisPoints;
    }

    /// <summary>The fixed price distance.</summary>
    public decimal Distance { get; }

    /// <summary>The share of the tick price, in basis points.</summary>
    public decimal BasisPoints { get; }

    /// <inheritdoc/>
    public decimal GetSlippage(SlippageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Distance + (BasisPoints / 10_000m * context.Price);
    }
}
