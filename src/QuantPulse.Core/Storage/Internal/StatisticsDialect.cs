namespace QuantPulse.Storage.Internal;

/// <summary>The SQL expressions in which the backends differ for <see cref="TradeStatisticsSql"/>.</summary>
/// <param name="Overall">A constant grouping key, so every trade falls in one group.</param>
/// <param name="HourOfOpenTime">The UTC hour (0–23) of <c>t.open_time</c>, as an integer.</param>
internal sealed record StatisticsDialect(string Overall, string HourOfOpenTime);
