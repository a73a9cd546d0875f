namespace QuantPulse.Storage.Internal;

/// <summary>The statistics queries, with the backend's way of reading the UTC hour.</summary>
internal sealed class StatisticsTable(StorageDialect db, StatisticsDialect dialect, RunTag tag) : IStatisticsRepository
{
    public async Task<TradeStatistics> GetTradeStatisticsAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        StorageFormat.CheckRange(query.From, query.To, nameof(query));
        var parameters = new { From = db.Time(query.From), To = db.Time(query.To), query.Asset, query.Strategy, tag.Scope };
        var connection = await db.Open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await TradeStatisticsSql.RunAsync(connection, query, parameters, dialect, cancellationToken).ConfigureAwait(false);
        }
    }
}
