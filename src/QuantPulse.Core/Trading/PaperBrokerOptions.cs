namespace QuantPulse.Trading;

/// <summary>How the paper broker fills orders and what it starts with.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default</description></listheader>
/// <item><term><see cref="InitialCash"/></term><description>100,000</description></item>
/// <item><term><see cref="Currency"/></term><description>USD</description></item>
/// <item><term><see cref="Fees"/></term><description><see cref="NullFeeModel"/></description></item>
/// <item><term><see cref="Slippage"/></term><description><see cref="NullSlippageModel"/></description></item>
/// <item><term><see cref="FillAgainstTickSize"/></term><description>true</description></item>
/// <item><term><see cref="Risk"/></term><description>no limits, stale after 30 s</description></item>
/// </list>
/// </remarks>
public sealed class PaperBrokerOptions
{
    private readonly decimal _initialCash = 100_000m;

    /// <summary>The cash of a new account (an account reloaded from storage keeps its own).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public decimal InitialCash
    {
        get => _initialCash;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _initialCash = value;
        }
    }

    /// <summary>The account currency, for display.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The fee of each fill.</summary>
    public IFeeModel Fees { get; init; } = NullFeeModel.Instance;

    /// <summary>How far each fill lands from the tick's price, against the trader.</summary>
    public ISlippageModel Slippage { get; init; } = NullSlippageModel.Instance;

    /// <summary>
    /// Whether a tick that carries a size fills at most that size (so a large order fills over several ticks,
    /// partially filled in between); ticks without a size fill any quantity.
    /// </summary>
    public bool FillAgainstTickSize { get; init; } = true;

    /// <summary>The pre-trade checks.</summary>
    public RiskLimits Risk { get; init; } = new();
}
