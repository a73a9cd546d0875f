using LinqToDB;
using LinqToDB.Async;
using QuantPulse.Analytics;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The statistics query: the database selects the trades (with their signal's strategy), and
/// <see cref="TradeStatisticsBuilder"/> computes the figures as the rows stream in.
/// </summary>
internal sealed class StatisticsTable(StoreDb db, RunTag tag) : IStatisticsRepository
{
    public Task<TradeStatistics> GetTradeStatisticsAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        StorageFormat.CheckRange(query.From, query.To, nameof(query));
        var (first, end, scope, asset, strategy) = (StorageTime.Truncate(query.From), StorageTime.Truncate(query.To), tag.Scope, query.Asset, query.Strategy);
        return db.ReadAsync(
            async c =>
            {
                var rows =
                    from t in c.GetTable<TradeRow>()
                    from s in c.GetTable<SignalRow>().LeftJoin(s => s.RunScope == t.RunScope && s.Id == t.SignalId)
                    where t.RunScope == scope && t.OpenTime >= first && t.OpenTime < end
                        && (asset == null || t.Asset == asset)
                        && (strategy == null || s.Strategy == strategy)
                    select new { t.Asset, Strategy = (string?)s.Strategy, t.OpenTime, t.Result, t.MovementPercentage, t.DurationSeconds };
                var statistics = new TradeStatisticsBuilder();
                await foreach (var row in AsyncExtensions.AsAsyncEnumerable(rows).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    statistics.Add(
                        row.Asset,
                        row.Strategy ?? string.Empty,
                        row.OpenTime,
                        StorageFormat.ParseTradeResult(row.Result),
                        row.MovementPercentage,
                        row.DurationSeconds);
                }

                return new TradeStatistics(query, statistics.Overall, statistics.ByAsset, statistics.ByStrategy, statistics.ByHour);
            },
            cancellationToken);
    }
}
