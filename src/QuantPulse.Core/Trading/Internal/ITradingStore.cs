namespace QuantPulse.Trading.Internal;

/// <summary>Where the paper broker keeps its orders, fills, positions and account.</summary>
internal interface ITradingStore : IAsyncDisposable
{
    /// <summary>Reads the account as last saved.</summary>
    Task<TradingSnapshot> LoadAsync(string account, CancellationToken cancellationToken);

    /// <summary>Saves one change set and the balances after it, in one transaction.</summary>
    Task SaveAsync(string account, BookChanges changes, Func<string, long> sequenceOf, decimal cash, decimal fees, long fillSequence, CancellationToken cancellationToken);
}
