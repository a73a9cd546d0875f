using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Opens one kind of store; <c>QuantPulse:Storage:Provider</c> selects it by the name it was added under.</summary>
/// <remarks>
/// Factories are singletons resolved from dependency injection (register one with <c>AddMarketStore</c>). The host
/// opens the selected store once, on first use, retrying failures the factory calls transient.
/// </remarks>
public interface IMarketStoreFactory
{
    /// <summary>Opens the store, migrating its schema to the current version.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store; the host disposes it.</returns>
    /// <exception cref="IOException">The store cannot be opened; the message names its location.</exception>
    Task<IMarketStore> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Whether a failure of <see cref="OpenAsync"/> may pass by itself (a database server not up yet), so opening is retried.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True to retry with the write back-off of <c>QuantPulse:Storage</c>.</returns>
    bool IsTransient(Exception exception);

    /// <summary>
    /// Where the store keeps its data, for features that keep their own tables in the same database (alerts, the
    /// paper broker); null (the default) for a store other than the built-in SQLite and PostgreSQL ones, and those
    /// features then keep their state in memory.
    /// </summary>
    StorageOptions? Location => null;
}
