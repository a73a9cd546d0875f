namespace QuantPulse.Trading;

/// <summary>Charges nothing.</summary>
public sealed class NullFeeModel : IFeeModel
{
    /// <summary>The one instance.</summary>
    public static NullFeeModel Instance { get; } = new();

    /// <inheritdoc/>
    public decimal GetFee(FeeContext context) => 0m;
}
