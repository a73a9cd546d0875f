using Microsoft.Extensions.Options;
using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>
/// What the running pipeline has produced so far, kept for the host's surfaces: the last price of every symbol, a
/// rolling window of closed candles with their indicator values per series, and running counters.
/// </summary>
/// <remarks>
/// <para>
/// Fed with every batch after all stages (losslessly, as a pipeline consumer), so it never misses a candle. The window
/// per series holds the last <see cref="CandleHostOptions.HistoryLength"/> closed candles.
/// </para>
/// <para>Thread-safe: every read returns a snapshot copy.</para>
/// </remarks>
public sealed class LiveMarketState
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LastPrice> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Symbol, Timeframe Timeframe), Queue<ClosedCandle>> _windows = [];
    private readonly Queue<(long Timestamp, long Ticks)> _rate = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly long _startedAt;
    private long _ticks;
    private long _candles;
    private long _signals;
    private long _tradesOpened;
    private long _tradesClosed;

    /// <summary>Creates the state (normally resolved from dependency injection).</summary>
    /// <param name="options">The configuration; its candle history length bounds the window.</param>
    /// <param name="timeProvider">The clock, for uptime and the tick rate.</param>
    public LiveMarketState(IOptions<QuantPulseOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _capacity = Math.Max(1, options.Value.Candles.HistoryLength);
        _startedAt = timeProvider.GetTimestamp();
    }

    /// <summary>How many closed candles the window keeps per series.</summary>
    public int WindowLength => _capacity;

    /// <summary>Takes in one batch of the pipeline.</summary>
    /// <param name="batch">A batch after all stages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    public void Apply(MarketBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            foreach (var tick in batch.Ticks.Span)
            {
                _prices[tick.Symbol] = new LastPrice(tick.Symbol, tick.Price, tick.Time, tick.Source);
            }

            _ticks += batch.Ticks.Length;
            foreach (var closed in batch.Candles)
            {
                var key = (closed.Candle.Symbol, closed.Candle.Timeframe);
                if (!_windows.TryGetValue(key, out var window))
                {
                    _windows[key] = window = new Queue<ClosedCandle>();
                }

                if (window.Count == _capacity)
                {
                    window.Dequeue();
                }

                window.Enqueue(closed);
            }

            _candles += batch.Candles.Count;
            _signals += batch.Signals.Count;
            foreach (var trade in batch.Trades)
            {
                if (trade.Kind == TradeEventKind.Opened)
                {
                    _tradesOpened++;
                }
                else
                {
                    _tradesClosed++;
                }
            }

            var now = _timeProvider.GetTimestamp();
            _rate.Enqueue((now, _ticks));
            while (_rate.Count > 1 && _timeProvider.GetElapsedTime(_rate.Peek().Timestamp, now) > RateWindow)
            {
                _rate.Dequeue();
            }
        }
    }

    /// <summary>The last price of every symbol seen, in symbol order.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<LastPrice> GetPrices()
    {
        lock (_gate)
        {
            return [.. _prices.Values.OrderBy(p => p.Symbol, StringComparer.Ordinal)];
        }
    }

    /// <summary>The last price of one symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The last price, or null when no tick of the symbol has been seen.</returns>
    public LastPrice? GetPrice(string symbol)
    {
        lock (_gate)
        {
            return _prices.GetValueOrDefault(symbol);
        }
    }

    /// <summary>The closed candles of one series in the window, oldest first.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <returns>A snapshot; empty for a series with no closed candle yet.</returns>
    public IReadOnlyList<ClosedCandle> GetWindow(string symbol, Timeframe timeframe)
    {
        lock (_gate)
        {
            return _windows.TryGetValue((symbol, timeframe), out var window) ? [.. window] : [];
        }
    }

    /// <summary>The running counters.</summary>
    /// <returns>A snapshot.</returns>
    public LiveMarketCounters GetCounters()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var rate = 0.0;
            if (_rate.Count > 0)
            {
                var (since, ticksThen) = _rate.Peek();
                var seconds = _timeProvider.GetElapsedTime(since, now).TotalSeconds;
                rate = seconds > 0 ? (_ticks - ticksThen) / seconds : 0;
            }

            return new LiveMarketCounters(
                _timeProvider.GetElapsedTime(_startedAt, now),
                _ticks,
                rate,
                _candles,
                _signals,
                _tradesOpened,
                _tradesClosed);
        }
    }
}

/// <summary>The last tick of one symbol.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Price">Its price.</param>
/// <param name="Time">Its time.</param>
/// <param name="Source">The source that delivered it (<c>simulated</c>, <c>deriv</c>, …).</param>
public sealed record LastPrice(string Symbol, decimal Price, DateTimeOffset Time, string Source)
{
    /// <summary>Whether the symbol comes from the simulated market.</summary>
    public bool IsSimulated => string.Equals(Source, TickSources.Simulated, StringComparison.Ordinal);
}

/// <summary>The running counters of <see cref="LiveMarketState"/>.</summary>
/// <param name="Uptime">Time since the state was created.</param>
/// <param name="Ticks">Ticks processed.</param>
/// <param name="TicksPerSecond">Ticks per second over the last ten seconds.</param>
/// <param name="CandlesClosed">Candles closed, all series.</param>
/// <param name="Signals">Signals raised.</param>
/// <param name="TradesOpened">Trades opened.</param>
/// <param name="TradesClosed">Trades closed.</param>
public sealed record LiveMarketCounters(
    TimeSpan Uptime,
    long Ticks,
    double TicksPerSecond,
    long CandlesClosed,
    long Signals,
    long TradesOpened,
    long TradesClosed)
{
    /// <summary>Trades opened and not yet closed in this run.</summary>
    public long TradesOpen => Math.Max(0, TradesOpened - TradesClosed);
}
