namespace QuantPulse.Analytics;

/// <summary>The figures of one group of trades.</summary>
/// <remarks>
/// Movement and duration figures cover closed trades only (an open trade has neither); they are <c>null</c> when
/// the group has no closed trade. The median of an even count is the mean of the two middle values.
/// </remarks>
/// <param name="Total">Every trade in the group, open or closed.</param>
/// <param name="Open">Trades not closed yet.</param>
/// <param name="Wins">Trades closed at take profit (<c>WIN</c>).</param>
/// <param name="Losses">Trades closed at stop loss (<c>LOSS</c>).</param>
/// <param name="Expired">Trades closed at expiry (<c>EXPIRED</c>).</param>
/// <param name="AverageMovementPercentage">The mean signed movement, in percent.</param>
/// <param name="MedianMovementPercentage">The median signed movement, in percent.</param>
/// <param name="AverageDurationSeconds">The mean time from open to close, in seconds.</param>
public sealed record TradeStatisticsSummary(
    long Total,
    long Open,
    long Wins,
    long Losses,
    long Expired,
    double? AverageMovementPercentage,
    double? MedianMovementPercentage,
    double? AverageDurationSeconds)
{
    /// <summary>A group with no trade.</summary>
    public static TradeStatisticsSummary Empty { get; } = new(0, 0, 0, 0, 0, null, null, null);

    /// <summary>Trades closed for any reason: <c>Wins + Losses + Expired</c>.</summary>
    public long Closed => Wins + Losses + Expired;

    /// <summary>
    /// <c>Wins / Closed</c>, in [0, 1]: an expired trade counts as not won. <c>null</c> when no trade has closed.
    /// </summary>
    public double? WinRate => Closed == 0 ? null : (double)Wins / Closed;
}
