using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>The host's one store, opened (and migrated) on first use and closed with the host.</summary>
public interface IMarketStoreProvider
{
    /// <summary>Whether configuration enables storage (<c>QuantPulse:Storage:Enabled</c>).</summary>
    bool IsEnabled { get; }

    /// <summary>Opens the configured store on the first call and returns the same instance afterwards.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">Storage is disabled.</exception>
    ValueTask<IMarketStore> GetStoreAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Where the selected store keeps its data (<see cref="IMarketStoreFactory.Location"/>), for features that keep
    /// their own tables beside the market data; null when storage is disabled or the store does not say.
    /// </summary>
    StorageOptions? Location { get; }
}
