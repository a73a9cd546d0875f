namespace QuantPulse.Storage;

/// <summary>Aggregates over the stored trades (win rate, movement, duration), computed by the database.</summary>
public interface IStatisticsRepository
{
    /// <summary>Computes the statistics of the trades that <paramref name="query"/> selects.</summary>
    /// <param name="query">The time range (by open time) and optional asset and strategy filters.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The overall figures and the figures by asset, by strategy and by hour of day (UTC).</returns>
    /// <exception cref="ArgumentException">The range ends before it starts.</exception>
    Task<TradeStatistics> GetTradeStatisticsAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default);
}
