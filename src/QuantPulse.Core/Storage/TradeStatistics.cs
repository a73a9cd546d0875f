using QuantPulse.Analytics;

namespace QuantPulse.Storage;

/// <summary>The statistics of the trades a <see cref="TradeStatisticsQuery"/> selects.</summary>
/// <remarks>
/// Groups list only keys that have trades. <see cref="ByAsset"/> and <see cref="ByStrategy"/> are sorted by key
/// (ordinal); <see cref="ByStrategy"/> uses the empty string for trades whose signal is not stored.
/// <see cref="ByHour"/> is keyed by the UTC hour (0–23) of the open time, ascending.
/// </remarks>
/// <param name="Query">The query these figures answer.</param>
/// <param name="Overall">Every selected trade.</param>
/// <param name="ByAsset">Per asset.</param>
/// <param name="ByStrategy">Per strategy.</param>
/// <param name="ByHour">Per UTC hour of the open time.</param>
public sealed record TradeStatistics(
    TradeStatisticsQuery Query,
    TradeStatisticsSummary Overall,
    IReadOnlyList<TradeStatisticsGroup<string>> ByAsset,
    IReadOnlyList<TradeStatisticsGroup<string>> ByStrategy,
    IReadOnlyList<TradeStatisticsGroup<int>> ByHour);
