namespace QuantPulse.Storage.Internal;

/// <summary>The repositories of one backend, with the signal, trade and statistics tables made per run tag.</summary>
internal sealed class StoreTables(StoreDb db)
{
    public ISignalRepository Signals(RunTag tag) => new SignalTable(db, tag);

    public ITradeRepository Trades(RunTag tag) => new TradeTable(db, tag);

    public IStatisticsRepository Statistics(RunTag tag) => new StatisticsTable(db, tag);

    public IRunRepository Runs() => new RunTable(db);
}

/// <summary>A store's view for one run (see <see cref="IMarketStore.ForRun"/>): shares the store's connections.</summary>
internal sealed class RunView : IMarketStore
{
    private readonly IMarketStore _store;

    public RunView(IMarketStore store, StoreTables tables, RunTag tag)
    {
        _store = store;
        Signals = tables.Signals(tag);
        Trades = tables.Trades(tag);
        Statistics = tables.Statistics(tag);
    }

    public string Provider => _store.Provider;

    public ISignalRepository Signals { get; }

    public ITradeRepository Trades { get; }

    public ICandleRepository Candles => _store.Candles;

    public ITickRepository Ticks => _store.Ticks;

    public IStatisticsRepository Statistics { get; }

    public IRunRepository Runs => _store.Runs;

    public IMarketStore ForRun(string runId, RunScope scope) => _store.ForRun(runId, scope);

    // The view owns nothing: the store it came from closes the connections.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
