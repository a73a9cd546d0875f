namespace QuantPulse.Storage;

/// <summary>Which trades <see cref="IStatisticsRepository.GetTradeStatisticsAsync"/> aggregates.</summary>
/// <param name="From">The first open time included (trades are selected by when they opened).</param>
/// <param name="To">The first open time excluded.</param>
public sealed record TradeStatisticsQuery(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Only trades of this asset, or every asset when <c>null</c>.</summary>
    public string? Asset { get; init; }

    /// <summary>
    /// Only trades whose signal was raised by this strategy, or every trade when <c>null</c>. The strategy is read
    /// from the stored signal, so a trade whose signal is not stored matches no strategy.
    /// </summary>
    public string? Strategy { get; init; }
}
