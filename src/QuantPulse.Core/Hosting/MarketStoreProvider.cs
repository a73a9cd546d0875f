using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

internal sealed class MarketStoreProvider(IOptions<QuantPulseOptions> options, ILoggerFactory loggerFactory)
    : IMarketStoreProvider, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
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
            _store ??= await MarketStore.OpenAsync(options.Value.Storage.ToStorageOptions(), loggerFactory, cancellationToken).ConfigureAwait(false);
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
}
