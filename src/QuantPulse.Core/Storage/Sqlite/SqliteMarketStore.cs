using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>The embedded default store: one SQLite file in WAL mode.</summary>
/// <remarks>
/// <para>
/// <see cref="OpenAsync"/> creates the file and its folder on first run, switches the file to write-ahead
/// logging (readers never block the writer) and applies pending migrations. Instants are stored as ISO-8601
/// UTC text with six fraction digits and decimals as exact invariant text; see <c>docs/storage.md</c>.
/// </para>
/// <para>Thread-safe: each call uses its own pooled connection. Dispose the store to release the file.</para>
/// </remarks>
public sealed class SqliteMarketStore : IMarketStore
{
    private readonly SqliteConnectionFactory _connections;
    private readonly StoreTables _tables;
    private readonly SqliteTickWriter _ticks;

    private SqliteMarketStore(SqliteConnectionFactory connections)
    {
        _connections = connections;
        var db = new StoreDb(connections.Create, new SqliteBackend(connections), OrdinalIds: false);
        _tables = new StoreTables(db);
        Signals = _tables.Signals(RunTag.Shared);
        Trades = _tables.Trades(RunTag.Shared);
        Runs = _tables.Runs();

        // Multi-row INSERT OR IGNORE in one transaction, values bound by position (ticks through statements prepared
        // once, on a connection of their own): a key already stored is skipped, never overwritten.
        Candles = new CandleTable(db);
        _ticks = new SqliteTickWriter(connections.ConnectionString);
        Ticks = new TickTable(db, _ticks.AppendAsync);
        Statistics = _tables.Statistics(RunTag.Shared);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path => _connections.Path;

    /// <inheritdoc/>
    public string Provider => "sqlite";

    /// <inheritdoc/>
    public ISignalRepository Signals { get; }

    /// <inheritdoc/>
    public ITradeRepository Trades { get; }

    /// <inheritdoc/>
    public ICandleRepository Candles { get; }

    /// <inheritdoc/>
    public ITickRepository Ticks { get; }

    /// <inheritdoc/>
    public IStatisticsRepository Statistics { get; }

    /// <inheritdoc/>
    public IRunRepository Runs { get; }

    /// <inheritdoc/>
    public IMarketStore ForRun(string runId, RunScope scope) => new RunView(this, _tables, RunTag.For(runId, scope));

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    /// <param name="path">The database file; a relative path is resolved against the working directory.</param>
    /// <param name="loggerFactory">Receives migration logs; <c>null</c> logs nothing.</param>
    /// <param name="cancellationToken">Aborts opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The file has a newer schema than this version of QuantPulse.</exception>
    public static async Task<SqliteMarketStore> OpenAsync(
        string path,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var connections = new SqliteConnectionFactory(path);
        var folder = System.IO.Path.GetDirectoryName(connections.Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteMarketStore>();
        var connection = await new SqliteBackend(connections).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // WAL is a property of the file: set once, kept by every later connection.
            await new SqlSession(connection, null).ExecuteAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            await SqliteMigrator.MigrateAsync(connection, SqliteMigrator.Scripts, logger, cancellationToken).ConfigureAwait(false);
        }

        return new SqliteMarketStore(connections);
    }

    /// <summary>Closes the pooled connections, releasing the file.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _ticks.Dispose();
        _connections.ClearPool();
        return ValueTask.CompletedTask;
    }
}
