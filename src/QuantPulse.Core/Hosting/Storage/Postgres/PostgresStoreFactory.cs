using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Opens the PostgreSQL database; a server that is not up yet is a transient failure, retried.</summary>
internal sealed class PostgresStoreFactory(
    IOptions<PostgresStorageHostOptions> options,
    IOptions<QuantPulseOptions> host,
    ILoggerFactory loggerFactory) : IMarketStoreFactory
{
    public StorageOptions Location => new()
    {
        Provider = StorageProvider.Postgres,
        ConnectionString = options.Value.ConnectionString,
        StoreTicks = host.Value.Storage.StoreTicks,
    };

    public Task<IMarketStore> OpenAsync(CancellationToken cancellationToken) => MarketStore.OpenAsync(Location, loggerFactory, cancellationToken);

    public bool IsTransient(Exception exception) => exception is NpgsqlException { IsTransient: true };
}
