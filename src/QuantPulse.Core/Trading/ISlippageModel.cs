namespace QuantPulse.Trading;

/// <summary>Decides how far a fill lands from the tick's price, against the trader.</summary>
public interface ISlippageModel
{
    /// <summary>The slippage of one fill as a price distance; zero or positive, applied against the trader.</summary>
    /// <param name="context">The fill.</param>
    /// <returns>The distance: added to a buy's price, subtracted from a sell's.</returns>
    decimal GetSlippage(SlippageContext context);
}
