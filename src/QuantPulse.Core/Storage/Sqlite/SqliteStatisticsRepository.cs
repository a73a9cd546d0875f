using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>The statistics queries in SQLite, where the hour is read straight from the fixed-width time text.</summary>
internal sealed class SqliteStatisticsRepository(SqliteConnectionFactory connections) : IStatisticsRepository
{
    private static readonly StatisticsDialect Dialect = new(
        Overall: "''",
        HourOfOpenTime: "CAST(substr(t.open_time, 12, 2) AS INTEGER)");

    public async Task<TradeStatistics> GetTradeStatisticsAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        StorageFormat.CheckRange(query.From, query.To, nameof(query));
        var parameters = new
        {
            From = SqliteValues.Time(query.From),
            To = SqliteValues.Time(query.To),
            query.Asset,
            query.Strategy,
        };

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await TradeStatisticsSql.RunAsync(connection, query, parameters, Dialect, cancellationToken).ConfigureAwait(false);
        }
    }
}
