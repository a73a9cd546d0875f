namespace QuantPulse.Trading.Internal;

/// <summary>Keeps nothing: a paper account that starts fresh every time.</summary>
internal sealed class MemoryTradingStore : ITradingStore
{
    public Task<TradingSnapshot> LoadAsync(string account, CancellationToken cancellationToken) => Task.FromResult(TradingSnapshot.Empty);

    public Task SaveAsync(string account, BookChanges changes, Func<string, long> sequenceOf, decimal cash, decimal fees, long fillSequence, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
