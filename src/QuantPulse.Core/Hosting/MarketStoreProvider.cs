using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>
/// Opens the store <c>QuantPulse:Storage:Provider</c> selects, once. A failure its factory calls transient (PostgreSQL
/// not up yet) is retried with the write back-off of <c>QuantPulse:Storage</c>, each attempt logged; other failures
/// (a SQLite file that cannot be created, a refused password) stop at once with a message that names the location.
/// </summary>
internal sealed class MarketStoreProvider(
    IOptions<QuantPulseOptions> options,
    IEnumerable<MarketStoreRegistration> stores,
    IEnumerable<IMarketStoreFactory> factories,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
    : IMarketStoreProvider, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggerFactory.CreateLogger<MarketStoreProvider>();
    private IMarketStore? _store;

    public bool IsEnabled => options.Value.Storage.Enabled;

    public StorageOptions? Location => IsEnabled ? SelectedFactory().Factory.Location : null;

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
        var (selected, factory) = SelectedFactory();
        var retry = storage.ToSinkOptions(timeProvider);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (factory.IsTransient(ex) && !cancellationToken.IsCancellationRequested
                && !(retry.MaxRetryAttempts is { } max && attempt > max))
            {
                var delay = retry.RetryDelay(attempt);
                Log.StoreOpenFailed(_logger, selected.Name, attempt, LogText.Error(ex), delay);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private (MarketStoreRegistration Selected, IMarketStoreFactory Factory) SelectedFactory()
    {
        var provider = options.Value.Storage.Provider;
        var selected = MarketStoreRegistration.Find(stores, provider)
            ?? throw new InvalidOperationException($"QuantPulse:Storage:Provider: no store is registered as '{provider}'.");
        return (selected, factories.First(f => f.GetType() == selected.FactoryType));
    }
}
