using Microsoft.Extensions.Options;
using QuantPulse.Analytics;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>
/// The read side shared by the host's pages and APIs: candles with their indicator values, signals, trades and trade
/// statistics, from the live window and the store.
/// </summary>
/// <remarks>
/// <para>
/// Candles come from the store merged with the live window (which wins where both hold a candle). Indicator values of
/// candles in the live window are the ones the pipeline computed; older candles get theirs by replaying the stored
/// series from its first candle through the same indicators (<see cref="CandleIndicatorExtensions.ToIndicatorValues"/>),
/// so one continuous run yields the same values either way.
/// </para>
/// <para>Thread-safe. Without storage, only the live window answers.</para>
/// </remarks>
public sealed class MarketQueries
{
    /// <summary>The start used when a query gives none: the Unix epoch.</summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The end used when a query gives none.</summary>
    public static readonly DateTimeOffset Latest = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly IOptions<QuantPulseOptions> _options;
    private readonly LiveMarketState _state;
    private readonly IMarketStoreProvider _stores;

    /// <summary>Creates the queries (normally resolved from dependency injection).</summary>
    /// <param name="options">The configuration (the indicator set).</param>
    /// <param name="state">The live state.</param>
    /// <param name="stores">The store.</param>
    public MarketQueries(IOptions<QuantPulseOptions> options, LiveMarketState state, IMarketStoreProvider stores)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(stores);
        _options = options;
        _state = state;
        _stores = stores;
    }

    /// <summary>The indicator columns every candle carries (the configured set, named as the CLI names them).</summary>
    public IndicatorColumns IndicatorColumns => new(Specs.SelectMany(s => s.Columns));

    private IndicatorSpec[] Specs => [.. _options.Value.Indicators.Select(i => i.ToSpec())];

    /// <summary>The latest <paramref name="limit"/> closed candles of one series inside [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="from">Inclusive start (candle open time).</param>
    /// <param name="to">Exclusive end.</param>
    /// <param name="limit">At most this many candles, the latest ones.</param>
    /// <param name="withIndicators">Whether to attach indicator values.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The candles, with <see cref="ClosedCandle.Indicators"/> set when asked for.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public async Task<IReadOnlyList<ClosedCandle>> GetCandlesAsync(
        string symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        int limit,
        bool withIndicators,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var window = _state.GetWindow(symbol, timeframe);
        var merged = new SortedDictionary<DateTimeOffset, ClosedCandle>();
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        if (store is not null && from < to)
        {
            foreach (var candle in await store.Candles.GetRangeAsync(symbol, timeframe, from, to, cancellationToken).ConfigureAwait(false))
            {
                merged[candle.OpenTime] = new ClosedCandle(candle, 0);
            }
        }

        foreach (var closed in window)
        {
            if (closed.Candle.OpenTime >= from && closed.Candle.OpenTime < to)
            {
                merged[closed.Candle.OpenTime] = closed;
            }
        }

        var selected = merged.Values.Skip(Math.Max(0, merged.Count - limit)).ToList();
        if (!withIndicators || selected.Count == 0)
        {
            return [.. selected.Select(c => c with { Indicators = null })];
        }

        var live = window.Count > 0 ? window[0].Candle.OpenTime : DateTimeOffset.MaxValue;
        if (store is not null && selected[0].Candle.OpenTime < live)
        {
            var replayed = await ReplayAsync(store, symbol, timeframe, selected.Where(c => c.Candle.OpenTime < live).Max(c => c.Candle.OpenTime), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < selected.Count && selected[i].Candle.OpenTime < live; i++)
            {
                selected[i] = selected[i] with { Indicators = replayed.GetValueOrDefault(selected[i].Candle.OpenTime) };
            }
        }

        // Live values also hold the columns strategies added for themselves: keep the configured set only.
        var columns = IndicatorColumns;
        return [.. selected.Select(c => c with { Indicators = Project(c.Indicators, columns) })];
    }

    /// <summary>Signals, newest first, with the timeframe a strategy signal's ID names (the store has no timeframe column).</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>At most <see cref="MarketQuery.Limit"/> signals.</returns>
    public async Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        if (store is null || query.From >= query.To)
        {
            return [];
        }

        var filter = new SignalStoreFilter
        {
            From = query.From,
            To = query.To,
            Asset = query.Asset,
            Strategy = query.Strategy,
            Type = query.Type,
            Limit = query.Limit,
        };
        var signals = await store.Signals.QueryAsync(filter, cancellationToken).ConfigureAwait(false);
        return [.. signals.Select(s => s.Timeframe is null ? s with { Timeframe = SignalIds.TimeframeOf(s) } : s)];
    }

    /// <summary>Trades with the strategy of their signal, newest (by open time) first.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>At most <see cref="MarketQuery.Limit"/> trades.</returns>
    public async Task<IReadOnlyList<TradeRecord>> GetTradesAsync(TradeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        if (store is null || query.From >= query.To)
        {
            return [];
        }

        var filter = new TradeStoreFilter
        {
            From = query.From,
            To = query.To,
            Asset = query.Asset,
            Strategy = query.Strategy,
            Result = query.Result,
            Open = query.Open,
            Limit = query.Limit,
        };
        var trades = await store.Trades.QueryAsync(filter, cancellationToken).ConfigureAwait(false);

        // The page is filtered in the store; only the strategy names shown beside its trades are looked up here.
        var strategies = await StrategiesAsync(store, trades, query.Asset, cancellationToken).ConfigureAwait(false);
        return [.. trades.Select(t => new TradeRecord(t, strategies.GetValueOrDefault(t.SignalId) ?? string.Empty))];
    }

    /// <summary>Trade statistics: the same queries <c>quantpulse backtest</c> reads its figures with.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The statistics (all zero without storage).</returns>
    public async Task<TradeStatistics> GetPerformanceAsync(TradeStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        return store is null || query.From >= query.To
            ? new TradeStatistics(query, TradeStatisticsSummary.Empty, [], [], [])
            : await store.Statistics.GetTradeStatisticsAsync(query, cancellationToken).ConfigureAwait(false);
    }

    private static IndicatorValues Project(IndicatorValues? values, IndicatorColumns columns)
    {
        var projected = new double?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            projected[i] = values is not null && values.TryGetValue(columns[i], out var value) ? value : null;
        }

        return new IndicatorValues(columns, projected);
    }

    private async ValueTask<IMarketStore?> StoreAsync(CancellationToken cancellationToken) =>
        _stores.IsEnabled ? await _stores.GetStoreAsync(cancellationToken).ConfigureAwait(false) : null;

    private async Task<Dictionary<DateTimeOffset, IndicatorValues>> ReplayAsync(
        IMarketStore store,
        string symbol,
        Timeframe timeframe,
        DateTimeOffset last,
        CancellationToken cancellationToken)
    {
        var series = await store.Candles.GetRangeAsync(symbol, timeframe, Earliest, last + timeframe.Duration, cancellationToken).ConfigureAwait(false);
        var values = series.ToIndicatorValues(Specs);
        var byTime = new Dictionary<DateTimeOffset, IndicatorValues>(series.Count);
        for (var i = 0; i < series.Count; i++)
        {
            byTime[series[i].OpenTime] = values[i];
        }

        return byTime;
    }

    private static async Task<Dictionary<string, string>> StrategiesAsync(
        IMarketStore store,
        IReadOnlyList<Trade> trades,
        string? asset,
        CancellationToken cancellationToken)
    {
        var strategies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (trades.Count == 0)
        {
            return strategies;
        }

        // A signal is raised before its trade opens: read the signals of the period once, then look up any stragglers.
        var first = trades.Min(t => t.OpenTime).AddDays(-1);
        var last = trades.Max(t => t.OpenTime).AddSeconds(1);
        foreach (var signal in await store.Signals.GetRangeAsync(first, last, asset, cancellationToken).ConfigureAwait(false))
        {
            strategies[signal.Id] = signal.Strategy;
        }

        foreach (var id in trades.Select(t => t.SignalId).Distinct(StringComparer.Ordinal).Where(id => !strategies.ContainsKey(id)).ToList())
        {
            if (await store.Signals.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } signal)
            {
                strategies[id] = signal.Strategy;
            }
        }

        return strategies;
    }
}
