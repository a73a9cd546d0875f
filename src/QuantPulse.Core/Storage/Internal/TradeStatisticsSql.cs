using System.Data.Common;
using System.Globalization;
using Dapper;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// The statistics query, shared by the backends: only the grouping expressions differ (how each database reads
/// the UTC hour of an open time). Parameters: <c>@Scope</c> (the run scope), <c>@From</c>, <c>@To</c>, <c>@Asset</c>, <c>@Strategy</c>.
/// </summary>
/// <remarks>
/// The median uses window functions (both SQLite ≥ 3.25 and PostgreSQL have them): the middle row, or the mean
/// of the two middle rows, of each group's closed trades ordered by movement.
/// </remarks>
internal static class TradeStatisticsSql
{
    private const string Template = """
        WITH scoped AS (
            SELECT {group} AS grp, t.result AS result, t.movement_percentage AS movement, t.duration_seconds AS duration
            FROM trades t
            LEFT JOIN signals s ON s.run_scope = t.run_scope AND s.id = t.signal_id
            WHERE t.run_scope = @Scope AND t.open_time >= @From AND t.open_time < @To
              AND (@Asset IS NULL OR t.asset = @Asset)
              AND (@Strategy IS NULL OR s.strategy = @Strategy)
        ),
        ranked AS (
            SELECT grp, movement,
                   ROW_NUMBER() OVER (PARTITION BY grp ORDER BY movement) AS rn,
                   COUNT(*) OVER (PARTITION BY grp) AS n
            FROM scoped
            WHERE result IS NOT NULL AND movement IS NOT NULL
        ),
        medians AS (
            SELECT grp, AVG(movement) AS median
            FROM ranked
            WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
            GROUP BY grp
        ),
        totals AS (
            SELECT grp,
                   COUNT(*) AS total,
                   SUM(CASE WHEN result IS NULL THEN 1 ELSE 0 END) AS open_count,
                   SUM(CASE WHEN result = 'WIN' THEN 1 ELSE 0 END) AS wins,
                   SUM(CASE WHEN result = 'LOSS' THEN 1 ELSE 0 END) AS losses,
                   SUM(CASE WHEN result = 'EXPIRED' THEN 1 ELSE 0 END) AS expired,
                   AVG(CASE WHEN result IS NOT NULL THEN movement END) AS avg_movement,
                   AVG(CASE WHEN result IS NOT NULL THEN duration END) AS avg_duration
            FROM scoped
            GROUP BY grp
        )
        SELECT a.grp, a.total, a.open_count, a.wins, a.losses, a.expired, a.avg_movement, m.median, a.avg_duration
        FROM totals a
        LEFT JOIN medians m ON m.grp = a.grp
        """;

    /// <summary>Runs the four groupings on <paramref name="connection"/> and assembles the result.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="query">The query being answered.</param>
    /// <param name="parameters">The backend's values for <c>@From</c>, <c>@To</c>, <c>@Asset</c>, <c>@Strategy</c>.</param>
    /// <param name="dialect">The grouping expressions.</param>
    /// <param name="cancellationToken">Aborts the queries.</param>
    public static async Task<TradeStatistics> RunAsync(
        DbConnection connection,
        TradeStatisticsQuery query,
        object parameters,
        StatisticsDialect dialect,
        CancellationToken cancellationToken)
    {
        var overall = await ReadAsync(connection, dialect.Overall, parameters, cancellationToken).ConfigureAwait(false);
        var byAsset = await ReadAsync(connection, "t.asset", parameters, cancellationToken).ConfigureAwait(false);
        var byStrategy = await ReadAsync(connection, "COALESCE(s.strategy, '')", parameters, cancellationToken).ConfigureAwait(false);
        var byHour = await ReadAsync(connection, dialect.HourOfOpenTime, parameters, cancellationToken).ConfigureAwait(false);

        return new TradeStatistics(
            query,
            overall.Count == 0 ? TradeStatisticsSummary.Empty : overall[0].Summary,
            [.. byAsset.Select(g => new TradeStatisticsGroup<string>(KeyText(g.Key), g.Summary)).OrderBy(g => g.Key, StringComparer.Ordinal)],
            [.. byStrategy.Select(g => new TradeStatisticsGroup<string>(KeyText(g.Key), g.Summary)).OrderBy(g => g.Key, StringComparer.Ordinal)],
            [.. byHour.Select(g => new TradeStatisticsGroup<int>(Convert.ToInt32(g.Key, CultureInfo.InvariantCulture), g.Summary)).OrderBy(g => g.Key)]);
    }

    private static string KeyText(object key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    private static async Task<List<(object Key, TradeStatisticsSummary Summary)>> ReadAsync(
        DbConnection connection,
        string groupExpression,
        object parameters,
        CancellationToken cancellationToken)
    {
        var sql = Template.Replace("{group}", groupExpression, StringComparison.Ordinal);
        var rows = new List<(object, TradeStatisticsSummary)>();
        var command = new CommandDefinition(sql, parameters, cancellationToken: cancellationToken);
        var reader = await connection.ExecuteReaderAsync(command).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((
                    reader.GetValue(0),
                    new TradeStatisticsSummary(
                        Long(reader, 1),
                        Long(reader, 2),
                        Long(reader, 3),
                        Long(reader, 4),
                        Long(reader, 5),
                        NullableDouble(reader, 6),
                        NullableDouble(reader, 7),
                        NullableDouble(reader, 8))));
            }
        }

        return rows;
    }

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
