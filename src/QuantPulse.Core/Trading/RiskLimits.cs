namespace QuantPulse.Trading;

/// <summary>The pre-trade checks every order passes before a broker takes it.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Limit</term><description>Default</description></listheader>
/// <item><term><see cref="MaxPositionSize"/></term><description>null (no limit)</description></item>
/// <item><term><see cref="MaxNotional"/></term><description>null (no limit)</description></item>
/// <item><term><see cref="MaxOpenOrders"/></term><description>null (no limit)</description></item>
/// <item><term><see cref="AllowedSymbols"/></term><description>empty (every symbol)</description></item>
/// <item><term><see cref="StaleAfter"/></term><description>30 seconds</description></item>
/// </list>
/// </remarks>
public sealed class RiskLimits
{
    private readonly TimeSpan _staleAfter = TimeSpan.FromSeconds(30);

    /// <summary>The largest absolute position an order may leave, if it filled completely; null for no limit.</summary>
    public decimal? MaxPositionSize { get; init; }

    /// <summary>The largest notional (quantity × limit, stop or last price) of one order; null for no limit.</summary>
    public decimal? MaxNotional { get; init; }

    /// <summary>The most open orders at once (bracket exits included); null for no limit.</summary>
    public int? MaxOpenOrders { get; init; }

    /// <summary>The symbols orders may name; empty allows every symbol.</summary>
    public IReadOnlyCollection<string> AllowedSymbols { get; init; } = [];

    /// <summary>An order is refused when its symbol has had no tick for this long.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan StaleAfter
    {
        get => _staleAfter;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _staleAfter = value;
        }
    }
}
