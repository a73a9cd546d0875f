using QuantPulse.Model;

namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>A checked manual paper trade from the ticket; levels left empty take the risk/reward defaults.</summary>
public sealed record ManualTradeTicket(string Asset, SignalType Direction, decimal? StopLoss, decimal? TakeProfit);
