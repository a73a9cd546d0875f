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

    /// <summary>The statistics queries over trades.</summary>
    IStatisticsRepository Statistics { get; }
}
