using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using QuantPulse.Model;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>
/// Opens the configured store once. A connection failure at start-up (PostgreSQL not up yet) is retried with the
/// write back-off of <c>QuantPulse:Storage</c>, each attempt logged; other failures (a SQLite file that cannot be
/// created, a refused password) stop at once with a message that names the location.
/// </summary>
internal sealed class MarketStoreProvider(IOptions<QuantPulseOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IMarketStoreProvider, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<MarketStoreProvider>();
    private IMarketStore? _store;

    public bool IsEnabled => options.Value.Storage.Enabled;

    public async ValueTask<IMarketStore> GetStoreAsync(CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            throw new InvalidOperationException("Storage is disabled (QuantPulse:Storage:Enabled is false).");
        }

        if (Volatile.Read(ref _store) is { } store)
        {
            return store;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _store ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            return _store;
        }
        finally
        {
            _gate.Release();
        }
    }

    // For containers disposed synchronously; closing a store only flushes and releases connections.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _store, null) is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task<IMarketStore> OpenAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value.Storage;
        var location = storage.ToStorageOptions(options.Value.DataDirectoryPath);
        var retry = storage.ToSinkOptions(timeProvider);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var store = await MarketStore.OpenAsync(location, loggerFactory, cancellationToken).ConfigureAwait(false);
                if (location.Provider == StorageProvider.Sqlite)
                {
                    Log.SqliteOpened(_logger, location.Path);
                }

                return store;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested
                && !(retry.MaxRetryAttempts is { } max && attempt > max))
            {
                var delay = retry.RetryDelay(attempt);
                Log.StoreOpenFailed(_logger, location.Provider, attempt, LogText.Error(ex), delay);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (location.Provider == StorageProvider.Sqlite && ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                throw new IOException($"Cannot open the SQLite database {location.Path}: {ex.Message}", ex);
            }
        }
    }
}
