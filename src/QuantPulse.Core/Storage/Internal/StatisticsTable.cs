using QuantPulse.Analytics;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The statistics query: the database selects the trades (with their signal's strategy) in plain SQL, and
/// <see cref="TradeStatisticsBuilder"/> computes the figures as the rows stream in.
/// </summary>
internal sealed class StatisticsTable(StoreDb db, RunTag tag) : IStatisticsRepository
{
    private const string Select = """
        SELECT t.asset, s.strategy, t.open_time, t.result, t.movement_percentage, t.duration_seconds
        FROM trades t LEFT JOIN signals s ON s.run_scope = t.run_scope AND s.id = t.signal_id
        """;

    public async Task<TradeStatistics> GetTradeStatisticsAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        StorageFormat.CheckRange(query.From, query.To, nameof(query));
        var (where, values) = StoreQuery.Range(db, tag, "open_time", query.From, query.To, query.Asset, table: "t.");
        if (query.Strategy is { } strategy)
        {
            where += " AND s.strategy = @strategy";
            values = [.. values, ("strategy", strategy)];
        }

        var statistics = new TradeStatisticsBuilder();
        await db.ReadEachAsync(
            $"{Select} WHERE {where}",
            row => statistics.Add(
                row.GetString(0),
                row.IsDBNull(1) ? string.Empty : row.GetString(1),
                db.Sql.GetTime(row, 2),
                StorageFormat.ParseTradeResult(row.IsDBNull(3) ? null : row.GetString(3)),
                row.IsDBNull(4) ? null : row.GetDouble(4),
                row.IsDBNull(5) ? null : row.GetDouble(5)),
            cancellationToken,
            values).ConfigureAwait(false);
        return new TradeStatistics(query, statistics.Overall, statistics.ByAsset, statistics.ByStrategy, statistics.ByHour);
    }
}
