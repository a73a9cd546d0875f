using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using Npgsql;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>The server store: a PostgreSQL database reached through Npgsql, with binary COPY (Npgsql's importer) for ticks, candles, signals and trades.</summary>
/// <remarks>
/// <para>
/// <see cref="OpenAsync"/> connects to an existing database and applies pending migrations under an advisory
/// lock, so several processes may start at once. Prices are <c>numeric</c> (exact), instants <c>timestamptz</c>
/// (microseconds); see <c>docs/storage.md</c>.
/// </para>
/// <para>Thread-safe: each call takes a connection from the store's pool. Dispose the store to close the pool.</para>
/// </remarks>
public sealed class PostgresMarketStore : IMarketStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreTables _tables;

    private PostgresMarketStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;

        // linq2db's provider is made on the first LINQ query: the plain-SQL paths never need it.
        var options = new Lazy<DataOptions>(() => new DataOptions().UseConnectionFactory(
            PostgreSQLTools.GetDataProvider(PostgreSQLVersion.v15),
            _ => dataSource.CreateConnection()));
        var db = new StoreDb(
            () => new DataConnection(options.Value),
            new PostgresBackend(dataSource),
            OrdinalIds: true);
        _tables = new StoreTables(db);
        Signals = _tables.Signals(RunTag.Shared);
        Trades = _tables.Trades(RunTag.Shared);
        Runs = _tables.Runs();
        var names = new PostgresTickNames();
        Candles = new CandleTable(db);
        Ticks = new TickTable(db, (ticks, cancellationToken) => PostgresTickWriter.AppendAsync(dataSource, names, ticks, cancellationToken));
        Statistics = _tables.Statistics(RunTag.Shared);
    }

    /// <inheritdoc/>
    public string Provider => "postgres";

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

    /// <summary>Connects to the database and brings its schema up to date.</summary>
    /// <param name="connectionString">An Npgsql connection string naming an existing database.</param>
    /// <param name="loggerFactory">Receives migration logs; <c>null</c> logs nothing.</param>
    /// <param name="cancellationToken">Aborts opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or malformed.</exception>
    /// <exception cref="InvalidOperationException">The database has a newer schema than this version of QuantPulse.</exception>
    public static async Task<PostgresMarketStore> OpenAsync(
        string connectionString,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgresMigrator.MigrateAsync(connection, PostgresMigrator.Scripts, loggers.CreateLogger<PostgresMarketStore>(), cancellationToken).ConfigureAwait(false);
            }

            return new PostgresMarketStore(dataSource);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the connection pool.</summary>
    /// <returns>A task that completes when the pool is closed.</returns>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
