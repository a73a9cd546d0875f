namespace QuantPulse.Trading;

/// <summary>Fills at the tick's price.</summary>
public sealed class NullSlippageModel : ISlippageModel
{
    /// <summary>The one instance.</summary>
    public static NullSlippageModel Instance { get; } = new();

    /// <inheritdoc/>
    public decimal GetSlippage(SlippageContext context) => 0m;
}
