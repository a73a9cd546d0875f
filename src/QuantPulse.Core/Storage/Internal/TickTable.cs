using LinqToDB;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>ticks</c> table: shared LINQ reads, with the backend's own bulk append.</summary>
/// <remarks>
/// Writes skip linq2db: each backend streams the batch's ticks straight into its driver (see
/// <see cref="TickKeys"/>), with no mapped row per tick.
/// </remarks>
internal sealed class TickTable(
    StoreDb db,
    Func<TickKeys, CancellationToken, Task> append) : ITickRepository
{
    public Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default) =>
        ticks.IsEmpty ? Task.CompletedTask : append(TickKeys.Of(ticks), cancellationToken);

    public Task<IReadOnlyList<Tick>> GetRangeAsync(
        string symbol,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        StorageFormat.CheckRange(from, to, nameof(to));
        var (first, end) = (StorageTime.Truncate(from), StorageTime.Truncate(to));
        return db.ListAsync(
            c => c.GetTable<TickRow>()
                .Where(t => t.Symbol == symbol && t.Time >= first && t.Time < end)
                .OrderBy(t => t.Time)
                .ThenBy(t => t.Seq),
            r => new Tick(r.Symbol, r.Time, r.Price, r.Size, r.Source),
            cancellationToken);
    }
}

/// <summary>
/// A batch of ticks as the <c>ticks</c> table keys them: tick <c>i</c> is stored at
/// <c>StorageTime.Truncate(Ticks[i].Time)</c> with key part <c>Seq[i]</c> (see <see cref="TickSequence"/>).
/// </summary>
/// <param name="Ticks">The ticks, in batch order.</param>
/// <param name="Seq">Each tick's <c>seq</c>.</param>
internal readonly record struct TickKeys(ReadOnlyMemory<Tick> Ticks, int[] Seq)
{
    public int Count => Seq.Length;

    /// <summary>Numbers a batch: one array and a dictionary with an entry per symbol, nothing per tick.</summary>
    public static TickKeys Of(ReadOnlyMemory<Tick> ticks) => new(ticks, TickSequence.Number(ticks.Span));
}
