namespace QuantPulse.Trading;

/// <summary>Decides the fee of a fill.</summary>
public interface IFeeModel
{
    /// <summary>The fee for one fill; zero or positive.</summary>
    /// <param name="context">The fill.</param>
    /// <returns>The fee in the account currency.</returns>
    decimal GetFee(FeeContext context);
}
