using QuantPulse.Model;

namespace QuantPulse.Analytics;

/// <summary>
/// Collects trades and computes their statistics: counts by result, win rate, average and median movement and
/// average duration, overall and grouped by asset, by strategy and by UTC hour of the open time.
/// </summary>
/// <remarks>
/// The one implementation of these figures: the stores' statistics queries and the back-test summary both use it.
/// Movement and duration figures cover closed trades only. Averages are summed in the order trades are added; the
/// median of an even count is the mean of the two middle values. Not thread-safe.
/// </remarks>
public sealed class TradeStatisticsBuilder
{
    private readonly Accumulator _overall = new();
    private readonly Dictionary<string, Accumulator> _byAsset = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Accumulator> _byStrategy = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Accumulator> _byHour = [];

    /// <summary>Adds one trade.</summary>
    /// <param name="trade">The trade, open or closed.</param>
    /// <param name="strategy">The strategy that raised the trade's signal; the empty string when it is not known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trade"/> or <paramref name="strategy"/> is <c>null</c>.</exception>
    public void Add(Trade trade, string strategy)
    {
        ArgumentNullException.ThrowIfNull(trade);
        Add(trade.Asset, strategy, trade.OpenTime, trade.Result, trade.MovementPercentage, trade.DurationSeconds);
    }

    /// <summary>Adds one trade given by its figures.</summary>
    /// <param name="asset">The traded asset.</param>
    /// <param name="strategy">The strategy that raised the trade's signal; the empty string when it is not known.</param>
    /// <param name="openTime">When the trade opened (grouped by its UTC hour).</param>
    /// <param name="result">How the trade closed, or <c>null</c> while it is open.</param>
    /// <param name="movementPercentage">The signed movement in percent of a closed trade.</param>
    /// <param name="durationSeconds">The time from open to close of a closed trade, in seconds.</param>
    /// <exception cref="ArgumentNullException"><paramref name="asset"/> or <paramref name="strategy"/> is <c>null</c>.</exception>
    public void Add(string asset, string strategy, DateTimeOffset openTime, TradeResult? result, double? movementPercentage, double? durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(strategy);
        var hour = openTime.UtcDateTime.Hour;
        _overall.Add(result, movementPercentage, durationSeconds);
        Group(_byAsset, asset).Add(result, movementPercentage, durationSeconds);
        Group(_byStrategy, strategy).Add(result, movementPercentage, durationSeconds);
        Group(_byHour, hour).Add(result, movementPercentage, durationSeconds);
    }

    /// <summary>The figures of every trade added.</summary>
    public TradeStatisticsSummary Overall => _overall.Summary();

    /// <summary>The figures per asset, by asset (ordinal).</summary>
    public IReadOnlyList<TradeStatisticsGroup<string>> ByAsset => Groups(_byAsset, StringComparer.Ordinal);

    /// <summary>The figures per strategy, by strategy (ordinal); the empty string collects trades of no known strategy.</summary>
    public IReadOnlyList<TradeStatisticsGroup<string>> ByStrategy => Groups(_byStrategy, StringComparer.Ordinal);

    /// <summary>The figures per UTC hour (0–23) of the open time, ascending.</summary>
    public IReadOnlyList<TradeStatisticsGroup<int>> ByHour => Groups(_byHour, Comparer<int>.Default);

    /// <summary>The figures of a list of trades, all in one group.</summary>
    /// <param name="trades">The trades, open or closed.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trades"/> is <c>null</c>.</exception>
    public static TradeStatisticsSummary Summarize(IEnumerable<Trade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var all = new Accumulator();
        foreach (var trade in trades)
        {
            all.Add(trade.Result, trade.MovementPercentage, trade.DurationSeconds);
        }

        return all.Summary();
    }

    private static Accumulator Group<TKey>(Dictionary<TKey, Accumulator> groups, TKey key)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = new Accumulator();
            groups.Add(key, group);
        }

        return group;
    }

    private static TradeStatisticsGroup<TKey>[] Groups<TKey>(Dictionary<TKey, Accumulator> groups, IComparer<TKey> order)
        where TKey : notnull =>
        [.. groups.OrderBy(g => g.Key, order).Select(g => new TradeStatisticsGroup<TKey>(g.Key, g.Value.Summary()))];

    /// <summary>The running figures of one group.</summary>
    private sealed class Accumulator
    {
        private readonly List<double> _movements = [];
        private long _total;
        private long _wins;
        private long _losses;
        private long _expired;
        private double _movementSum;
        private double _durationSum;
        private long _durations;

        public void Add(TradeResult? result, double? movement, double? duration)
        {
            _total++;
            switch (result)
            {
                case null:
                    return;
                case TradeResult.Win:
                    _wins++;
                    break;
                case TradeResult.Loss:
                    _losses++;
                    break;
                default:
                    _expired++;
                    break;
            }

            if (movement is { } m)
            {
                _movements.Add(m);
                _movementSum += m;
            }

            if (duration is { } d)
            {
                _durationSum += d;
                _durations++;
            }
        }

        public TradeStatisticsSummary Summary()
        {
            var closed = _wins + _losses + _expired;
            return new TradeStatisticsSummary(
                _total,
                _total - closed,
                _wins,
                _losses,
                _expired,
                _movements.Count == 0 ? null : _movementSum / _movements.Count,
                Median(),
                _durations == 0 ? null : _durationSum / _durations);
        }

        private double? Median()
        {
            if (_movements.Count == 0)
            {
                return null;
            }

            var sorted = _movements.ToArray();
            Array.Sort(sorted);
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
