using QuantPulse.Model;
using QuantPulse.Storage;

namespace QuantPulse.Tests.Storage;

/// <summary>
/// An in-memory store for <c>SinkBlock</c> tests: it records every attempt and every write with the clock
/// reading, can be made to fail per table, and can hold writes behind a gate. Trades are plain last-write-wins
/// here (no closed-trade rule), so ordering mistakes of the sink are visible.
/// </summary>
public sealed class FakeMarketStore : IMarketStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<(string Table, int Count, DateTimeOffset At)> _writes = [];
    private readonly List<(string Table, DateTimeOffset At)> _attempts = [];
    private readonly Dictionary<(string, Timeframe, DateTimeOffset), Candle> _candles = [];
    private readonly List<Candle> _candleOrder = [];
    private readonly Dictionary<(string, Timeframe, DateTimeOffset), string> _candleSources = [];
    private readonly Dictionary<string, Signal> _signals = [];
    private readonly Dictionary<string, Trade> _trades = [];
    private readonly List<Trade> _tradeUpserts = [];
    private readonly List<Tick> _ticks = [];
    private TaskCompletionSource _open = CreateOpenGate();

    public FakeMarketStore(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Signals = new SignalTable(this);
        Trades = new TradeTable(this);
        Candles = new CandleTable(this);
        Ticks = new TickTable(this);
    }

    /// <summary>Decides, per attempt, whether a table write fails: return an exception to throw, or null.</summary>
    public Func<string, int, Exception?> Failure { get; set; } = (_, _) => null;

    public string Provider => "fake";

    public ISignalRepository Signals { get; }

    public ITradeRepository Trades { get; }

    public ICandleRepository Candles { get; }

    public ITickRepository Ticks { get; }

    public IStatisticsRepository Statistics => throw new NotSupportedException("The fake store has no statistics.");

    public IRunRepository Runs => throw new NotSupportedException("The fake store records no runs.");

    public IMarketStore ForRun(string runId, RunScope scope) => throw new NotSupportedException("The fake store has one scope.");

    public IReadOnlyList<(string Table, int Count, DateTimeOffset At)> Writes { get { lock (_gate) { return [.. _writes]; } } }

    public IReadOnlyList<(string Table, DateTimeOffset At)> Attempts { get { lock (_gate) { return [.. _attempts]; } } }

    public IReadOnlyList<Candle> StoredCandles { get { lock (_gate) { return [.. _candleOrder]; } } }

    public IReadOnlyList<Signal> StoredSignals { get { lock (_gate) { return [.. _signals.Values]; } } }

    public IReadOnlyDictionary<string, Trade> StoredTrades { get { lock (_gate) { return new Dictionary<string, Trade>(_trades); } } }

    public IReadOnlyList<Trade> TradeUpserts { get { lock (_gate) { return [.. _tradeUpserts]; } } }

    public IReadOnlyList<Tick> StoredTicks { get { lock (_gate) { return [.. _ticks]; } } }

    public int CandleCount { get { lock (_gate) { return _candleOrder.Count; } } }

    /// <summary>Makes every write wait until <see cref="OpenGate"/>.</summary>
    public void CloseGate()
    {
        lock (_gate)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void OpenGate()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TaskCompletionSource CreateOpenGate()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task WriteAsync(string table, int count, Action apply, CancellationToken cancellationToken)
    {
        Task open;
        lock (_gate)
        {
            open = _open.Task;
        }

        await open.WaitAsync(cancellationToken);
        int attempt;
        lock (_gate)
        {
            _attempts.Add((table, _time.GetUtcNow()));
            attempt = _attempts.Count(a => a.Table == table);
        }

        if (Failure(table, attempt) is { } error)
        {
            throw error;
        }

        lock (_gate)
        {
            apply();
            _writes.Add((table, count, _time.GetUtcNow()));
        }
    }

    private sealed class SignalTable(FakeMarketStore owner) : ISignalRepository
    {
        public async Task<int> SaveAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
        {
            var added = 0;
            await owner.WriteAsync("signals", signals.Count, () => added = signals.Count(s => owner._signals.TryAdd(s.Id, s)), cancellationToken);
            return added;
        }

        public Task<Signal?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult(owner._signals.GetValueOrDefault(id));
            }
        }

        public Task<IReadOnlyList<Signal>> GetRangeAsync(DateTimeOffset from, DateTimeOffset to, string? asset = null, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Signal>>(
                    [.. owner._signals.Values.Where(s => s.Timestamp >= from && s.Timestamp < to && (asset is null || s.Asset == asset))]);
            }
        }

        public Task<IReadOnlyList<Signal>> QueryAsync(SignalStoreFilter filter, CancellationToken cancellationToken = default)
        {
            filter.Validate();
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Signal>>(
                    [.. Page(
                        owner._signals.Values.Where(s =>
                            Matches(filter, s.Timestamp, s.Asset, s.Strategy) && (filter.Type is null || s.Type == filter.Type)),
                        s => s.Timestamp,
                        s => s.Id,
                        filter)]);
            }
        }
    }

    private sealed class TradeTable(FakeMarketStore owner) : ITradeRepository
    {
        public Task UpsertAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken = default) =>
            owner.WriteAsync(
                "trades",
                trades.Count,
                () =>
                {
                    foreach (var trade in trades)
                    {
                        owner._trades[trade.Id] = trade;
                        owner._tradeUpserts.Add(trade);
                    }
                },
                cancellationToken);

        public Task<Trade?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult(owner._trades.GetValueOrDefault(id));
            }
        }

        public Task<IReadOnlyList<Trade>> GetOpenTradesAsync(CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Trade>>([.. owner._trades.Values.Where(t => t.IsOpen)]);
            }
        }

        public Task<IReadOnlyList<Trade>> GetRangeAsync(DateTimeOffset from, DateTimeOffset to, string? asset = null, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Trade>>(
                    [.. owner._trades.Values.Where(t => t.OpenTime >= from && t.OpenTime < to && (asset is null || t.Asset == asset))]);
            }
        }

        public Task<IReadOnlyList<Trade>> QueryAsync(TradeStoreFilter filter, CancellationToken cancellationToken = default)
        {
            filter.Validate();
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Trade>>(
                    [.. Page(
                        owner._trades.Values.Where(t =>
                            Matches(filter, t.OpenTime, t.Asset, owner._signals.GetValueOrDefault(t.SignalId)?.Strategy)
                            && (filter.Result is null || t.Result == filter.Result)
                            && (filter.Open is null || t.IsOpen == filter.Open)),
                        t => t.OpenTime,
                        t => t.Id,
                        filter)]);
            }
        }
    }

    private sealed class CandleTable(FakeMarketStore owner) : ICandleRepository
    {
        public Task<int> SaveAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default) =>
            SaveAsync(candles, source: null, cancellationToken);

        public async Task<int> SaveAsync(IReadOnlyList<Candle> candles, string? source, CancellationToken cancellationToken = default)
        {
            var added = 0;
            await owner.WriteAsync(
                "candles",
                candles.Count,
                () =>
                {
                    foreach (var c in candles.Where(c => owner._candles.TryAdd((c.Symbol, c.Timeframe, c.OpenTime), c)))
                    {
                        owner._candleOrder.Add(c);
                        if (source is not null)
                        {
                            owner._candleSources[(c.Symbol, c.Timeframe, c.OpenTime)] = source;
                        }

                        added++;
                    }
                },
                cancellationToken);
            return added;
        }

        public Task<IReadOnlyList<Candle>> GetRangeAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Candle>>(
                    [.. owner._candleOrder.Where(c => c.Symbol == symbol && c.Timeframe == timeframe && c.OpenTime >= from && c.OpenTime < to)]);
            }
        }

        public Task<IReadOnlyList<string>> GetSymbolsAsync(string source, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<string>>(
                    [.. owner._candleSources.Where(s => s.Value == source).Select(s => s.Key.Item1).Distinct().Order(StringComparer.Ordinal)]);
            }
        }

        public Task<Candle?> GetLatestAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult(owner._candleOrder.Where(c => c.Symbol == symbol && c.Timeframe == timeframe).MaxBy(c => c.OpenTime));
            }
        }
    }

    private sealed class TickTable(FakeMarketStore owner) : ITickRepository
    {
        public Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default) =>
            owner.WriteAsync("ticks", ticks.Length, () => owner._ticks.AddRange(ticks.ToArray()), cancellationToken);

        public Task<IReadOnlyList<Tick>> GetRangeAsync(string symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
        {
            lock (owner._gate)
            {
                return Task.FromResult<IReadOnlyList<Tick>>([.. owner._ticks.Where(t => t.Symbol == symbol && t.Time >= from && t.Time < to)]);
            }
        }
    }

    private static bool Matches(StoreFilter filter, DateTimeOffset time, string asset, string? strategy) =>
        (filter.From is null || time >= filter.From)
        && (filter.To is null || time < filter.To)
        && (filter.Asset is null || asset == filter.Asset)
        && (filter.Strategy is null || string.Equals(strategy, filter.Strategy, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<T> Page<T>(IEnumerable<T> rows, Func<T, DateTimeOffset> time, Func<T, string> id, StoreFilter filter) =>
        rows.OrderByDescending(time).ThenByDescending(id, StringComparer.Ordinal).Skip(filter.Offset).Take(filter.Limit);
}
