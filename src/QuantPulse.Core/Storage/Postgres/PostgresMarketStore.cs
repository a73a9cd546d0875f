using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>The server store: a PostgreSQL database reached through Npgsql, with binary COPY for ticks and candles.</summary>
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
        var db = new StorageDialect(
            async cancellationToken => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false),
            time => time,
            value => value,
            (reader, ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal),
            (reader, ordinal) => reader.GetDecimal(ordinal));
        _tables = new StoreTables(db, PostgresSql.Signals, PostgresSql.Trades, PostgresSql.Statistics);
        Signals = _tables.Signals(RunTag.Shared);
        Trades = _tables.Trades(RunTag.Shared);
        Runs = _tables.Runs();
        Candles = new CandleTable(db, PostgresSql.Candles, PostgresBulk.InsertNewCandlesAsync);
        Ticks = new TickTable(db, PostgresSql.Ticks, (ticks, cancellationToken) => AppendTicksAsync(db, ticks, cancellationToken));
        Statistics = _tables.Statistics(RunTag.Shared);
    }

    /// <inheritdoc/>
    public string Provider => "postgres";

    // The fast path copies straight into the keyed table. Only a batch that meets a stored key (written before, its
    // acknowledgement lost) fails as a whole and is written again through the staging table, skipping stored keys.
    private static async Task AppendTicksAsync(StorageDialect db, ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken)
    {
        try
        {
            await db.InTransactionAsync((c, _) => PostgresBulk.AppendTicksAsync(c, ticks, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await db.InTransactionAsync((c, t) => PostgresBulk.InsertNewTicksAsync(c, t, ticks, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

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
