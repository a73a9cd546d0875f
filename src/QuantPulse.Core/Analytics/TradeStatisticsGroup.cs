namespace QuantPulse.Analytics;

/// <summary>The figures of the trades that share one key (an asset, a strategy or an hour of the day).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="Summary">The figures.</param>
public sealed record TradeStatisticsGroup<TKey>(TKey Key, TradeStatisticsSummary Summary);
