namespace QuantPulse.Trading;

/// <summary>A broker account's balances.</summary>
/// <param name="Cash">Cash after fills and fees.</param>
/// <param name="Equity">Cash plus the market value of every position.</param>
/// <param name="RealizedPnl">Realised P&amp;L over all positions, before fees.</param>
/// <param name="UnrealizedPnl">Unrealised P&amp;L over all positions.</param>
/// <param name="Fees">Fees paid.</param>
/// <param name="Currency">The account currency.</param>
public sealed record Account(decimal Cash, decimal Equity, decimal RealizedPnl, decimal UnrealizedPnl, decimal Fees, string Currency);
