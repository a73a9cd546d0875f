using Microsoft.Extensions.Options;
using QuantPulse.Analytics;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;

namespace QuantPulse.Hosting;

/// <summary>
/// Back-tests on the data the host holds, writing nothing: the pair back-test (<see cref="PairBacktest"/>) on stored
/// candles, and a strategy back-test that runs stored ticks through the pipeline's candles, indicators, strategy and
/// paper-trade simulator exactly as <c>quantpulse backtest</c> does, without a sink.
/// </summary>
/// <remarks>
/// <para>
/// Pair: the closes of both series are aligned on <c>open_time</c> (inner join: only bars both series have).
/// </para>
/// <para>
/// Strategy: candles close on the data alone (a clock that never moves, the last partial candle closed at the end),
/// so the same data and settings always give the same trades. The signal and simulator settings are the host's
/// (<c>QuantPulse:Signals</c>, <c>QuantPulse:Simulator</c>). When the store holds no ticks of the symbol in the range
/// (<c>QuantPulse:Storage:StoreTicks</c> is off by default) the stored candles of the timeframe are replayed as four
/// ticks each — open, then low and high (high first on a falling bar), then close with the bar's volume, at 0, ¼, ½
/// and ¾ of the bucket — and the result says so (<see cref="StrategyBacktestResult.DerivedFromCandles"/>): trade
/// levels hit inside a bar are then approximations.
/// </para>
/// <para>Thread-safe; each run is independent.</para>
/// </remarks>
public sealed class StoredBacktests
{
    /// <summary>The most aligned bars a pair back-test reads.</summary>
    public const int MaxPairBars = 1_000_000;

    /// <summary>The most ticks (or candles) a strategy back-test replays.</summary>
    public const int MaxStrategyTicks = 2_000_000;

    private readonly IOptions<QuantPulseOptions> _options;
    private readonly MarketQueries _queries;
    private readonly IMarketStoreProvider _stores;

    /// <summary>Creates the service (normally resolved from dependency injection).</summary>
    /// <param name="options">The configuration (signal and simulator settings).</param>
    /// <param name="queries">The candle queries.</param>
    /// <param name="stores">The store.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StoredBacktests(IOptions<QuantPulseOptions> options, MarketQueries queries, IMarketStoreProvider stores)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(stores);
        _options = options;
        _queries = queries;
        _stores = stores;
    }

    /// <summary>Reads the closes of two series aligned on open time (inner join), oldest first.</summary>
    /// <param name="a">The first symbol.</param>
    /// <param name="b">The second symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="from">Inclusive start.</param>
    /// <param name="to">Exclusive end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aligned closes (the latest <see cref="MaxPairBars"/> bars of each series at most).</returns>
    public async Task<AlignedPair> ReadPairAsync(string a, string b, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var first = await _queries.GetCandlesAsync(a, timeframe, from, to, MaxPairBars, withIndicators: false, cancellationToken).ConfigureAwait(false);
        var second = await _queries.GetCandlesAsync(b, timeframe, from, to, MaxPairBars, withIndicators: false, cancellationToken).ConfigureAwait(false);
        return AlignedPair.Join(first.Select(c => c.Candle).ToList(), second.Select(c => c.Candle).ToList());
    }

    /// <summary>Runs the pair back-test on the stored closes of <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="a">The first symbol (the hedge leg).</param>
    /// <param name="b">The second symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="from">Inclusive start.</param>
    /// <param name="to">Exclusive end.</param>
    /// <param name="options">The rules.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aligned bar count and the back-test.</returns>
    /// <exception cref="ArgumentException">The rules do not fit the data (see <see cref="PairBacktest.Run"/>).</exception>
    public async Task<(int Bars, PairBacktestResult Result)> RunPairAsync(
        string a, string b, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, PairBacktestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var closes = await ReadPairAsync(a, b, timeframe, from, to, cancellationToken).ConfigureAwait(false);
        if (closes.Count < 4)
        {
            throw new ArgumentException($"{a} and {b} have {closes.Count} {timeframe} bars in common in the range; the back-test needs at least 4.", nameof(a));
        }

        return (closes.Count, PairBacktest.Run(closes.Times, closes.A, closes.B, options));
    }

    /// <summary>Runs <paramref name="strategy"/> over the stored data of one symbol through the pipeline, storing nothing.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">The timeframe the strategy runs on.</param>
    /// <param name="from">Inclusive start.</param>
    /// <param name="to">Exclusive end.</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="progress">Told the fraction of the data replayed, from 0 to 1; may be null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The trades and metrics.</returns>
    /// <exception cref="ArgumentException">There is no data in the range, or more than <see cref="MaxStrategyTicks"/>.</exception>
    /// <exception cref="InvalidOperationException">Storage is disabled.</exception>
    public async Task<StrategyBacktestResult> RunStrategyAsync(
        string symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        StrategySpec strategy,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(strategy);
        if (!_stores.IsEnabled)
        {
            throw new InvalidOperationException("Storage is disabled (QuantPulse:Storage:Enabled): there is no stored data to back-test on.");
        }

        var store = await _stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Tick> ticks = from < to ? await store.Ticks.GetRangeAsync(symbol, from, to, cancellationToken).ConfigureAwait(false) : [];
        var derived = ticks.Count == 0;
        if (derived)
        {
            var candles = await _queries.GetCandlesAsync(symbol, timeframe, from, to, MaxStrategyTicks + 1, withIndicators: false, cancellationToken).ConfigureAwait(false);
            Limit(candles.Count, symbol, "candles");
            ticks = CandleTicks.From(candles.Select(c => c.Candle));
        }
        else
        {
            Limit(ticks.Count, symbol, "ticks");
            ticks = [.. ticks.OrderBy(t => t.Time)];
        }

        if (ticks.Count == 0)
        {
            throw new ArgumentException($"No stored ticks or {timeframe} candles of {symbol} in the range.", nameof(symbol));
        }

        var value = _options.Value;
        var collector = new BacktestCollector();
        var source = new ListTickSource(ticks, progress);
        var pipeline = new MarketPipelineBuilder(source)
            .WithOptions(new MarketPipelineOptions { CloseCandlesAtEnd = true, TimeProvider = StoppedClock.Instance })
            .WithCandles(new CandleBlockOptions { Timeframes = [timeframe], HistoryLength = 1 })
            .WithStrategy(strategy, value.Signals.ToBlockOptions(value.Pipeline.BoundedCapacity))
            .WithSimulator(value.Simulator.ToSimulatorOptions(value.Pipeline.BoundedCapacity))
            .OnBatch(collector.Collect)
            .Build();
        await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(1);
        return new StrategyBacktestResult(
            symbol,
            timeframe,
            strategy.ToString(),
            ticks.Count,
            derived,
            collector.Signals,
            collector.Trades,
            EquityCurve.From(collector.Trades),
            StrategyBacktestMetrics.From(collector.Trades),
            StrategyMetrics.Measure(collector.Trades, timeframe, ticks[0].Time, ticks[^1].Time));
    }

    private static void Limit(int count, string symbol, string what)
    {
        if (count > MaxStrategyTicks)
        {
            throw new ArgumentException($"{symbol} has more than {MaxStrategyTicks:N0} stored {what} in the range; choose a shorter range.", nameof(symbol));
        }
    }
}
