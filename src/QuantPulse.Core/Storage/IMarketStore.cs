namespace QuantPulse.Storage;

/// <summary>One database holding QuantPulse's tables, with a repository per table and the statistics queries.</summary>
/// <remarks>
/// A store is opened (and its schema created or migrated) by <see cref="MarketStore.OpenAsync"/>,
/// <see cref="Sqlite.SqliteMarketStore.OpenAsync"/> or <see cref="Postgres.PostgresMarketStore.OpenAsync"/>.
/// Every member is thread-safe; each call uses its own pooled connection. Disposing the store releases its
/// connections; the repositories must not be used afterwards.
/// </remarks>
public interface IMarketStore : IAsyncDisposable
{
    /// <summary>The database kind, such as <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>The signals table.</summary>
    ISignalRepository Signals { get; }

    /// <summary>The trades table.</summary>
    ITradeRepository Trades { get; }

    /// <summary>The candles table.</summary>
    ICandleRepository Candles { get; }

    /// <summary>The ticks table.</summary>
    ITickRepository Ticks { get; }

    /// <summary>The statistics queries over trades (of this store's run scope).</summary>
    IStatisticsRepository Statistics { get; }

    /// <summary>The runs table.</summary>
    IRunRepository Runs { get; }

    /// <summary>
    /// A view of this store whose signals and trades belong to one run: rows it stores carry <paramref name="runId"/>,
    /// and its signals, trades and statistics read and write in the run's scope. The store itself works in the
    /// shared scope, with an empty run id.
    /// </summary>
    /// <param name="runId">The run id (recorded with <see cref="IRunRepository.StartAsync"/>).</param>
    /// <param name="scope">
    /// <see cref="RunScope.Shared"/> for a live host's start (IDs shared with the other live runs), or
    /// <see cref="RunScope.Own"/> for a back-test (IDs in a namespace of the run's own).
    /// </param>
    /// <returns>The view; it shares this store's connections and needs no disposing of its own.</returns>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is not a valid run id.</exception>
    IMarketStore ForRun(string runId, RunScope scope);
}
