using Microsoft.Extensions.Logging;
using QuantPulse.Storage.Postgres;
using QuantPulse.Storage.Sqlite;

namespace QuantPulse.Storage;

/// <summary>Opens the <see cref="IMarketStore"/> that <see cref="StorageOptions"/> describe.</summary>
public static class MarketStore
{
    /// <summary>Opens the database, creating it (SQLite) and its schema, and applies pending migrations.</summary>
    /// <param name="options">The provider and its location.</param>
    /// <param name="loggerFactory">Receives migration logs; <c>null</c> logs nothing.</param>
    /// <param name="cancellationToken">Aborts opening.</param>
    /// <returns>The open store; dispose it when done.</returns>
    /// <exception cref="ArgumentException">The options name no location for their provider.</exception>
    public static async Task<IMarketStore> OpenAsync(
        StorageOptions options,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            StorageProvider.Sqlite => await SqliteMarketStore.OpenAsync(options.Path, loggerFactory, cancellationToken).ConfigureAwait(false),
            StorageProvider.Postgres => await PostgresMarketStore.OpenAsync(
                options.ConnectionString ?? throw new ArgumentException("PostgreSQL storage needs a ConnectionString.", nameof(options)),
                loggerFactory,
                cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unknown storage provider {options.Provider}.", nameof(options)),
        };
    }
}
