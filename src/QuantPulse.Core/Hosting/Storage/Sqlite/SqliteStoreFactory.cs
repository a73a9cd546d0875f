using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Opens the SQLite file; a file that cannot be created or opened stops the host with a message naming it.</summary>
internal sealed class SqliteStoreFactory(
    IOptions<SqliteStorageHostOptions> options,
    IOptions<QuantPulseOptions> host,
    ILoggerFactory loggerFactory) : IMarketStoreFactory
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<SqliteStoreFactory>();

    public async Task<IMarketStore> OpenAsync(CancellationToken cancellationToken)
    {
        var location = Location;
        var path = location.Path!;
        try
        {
            var store = await MarketStore.OpenAsync(location, loggerFactory, cancellationToken).ConfigureAwait(false);
            Log.SqliteOpened(_logger, path);
            return store;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DbException)
        {
            throw new IOException($"Cannot open the SQLite database {path}: {ex.Message}", ex);
        }
    }

    public bool IsTransient(Exception exception) => false;

    public StorageOptions Location => new()
    {
        Provider = StorageProvider.Sqlite,
        Path = options.Value.FullPath(host.Value.DataDirectoryPath),
        StoreTicks = host.Value.Storage.StoreTicks,
    };
}
