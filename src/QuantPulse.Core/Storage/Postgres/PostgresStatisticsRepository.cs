using Npgsql;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>The statistics queries in PostgreSQL.</summary>
internal sealed class PostgresStatisticsRepository(NpgsqlDataSource dataSource) : IStatisticsRepository
{
    private static readonly StatisticsDialect Dialect = new(
        Overall: "''::text",
        HourOfOpenTime: "CAST(EXTRACT(HOUR FROM t.open_time AT TIME ZONE 'UTC') AS integer)");

    public async Task<TradeStatistics> GetTradeStatisticsAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        StorageFormat.CheckRange(query.From, query.To, nameof(query));
        var parameters = new
        {
            From = StorageTime.Truncate(query.From),
            To = StorageTime.Truncate(query.To),
            query.Asset,
            query.Strategy,
        };

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await TradeStatisticsSql.RunAsync(connection, query, parameters, Dialect, cancellationToken).ConfigureAwait(false);
        }
    }
}
