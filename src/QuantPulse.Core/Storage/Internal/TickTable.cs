using LinqToDB;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>ticks</c> table: shared LINQ reads, with the backend's bulk append.</summary>
internal sealed class TickTable(
    StoreDb db,
    Func<IReadOnlyList<TickRow>, CancellationToken, Task> append) : ITickRepository
{
    public Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default) =>
        ticks.IsEmpty ? Task.CompletedTask : append(ToRows(ticks.Span), cancellationToken);

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

    /// <summary>The rows of a batch, each with its key part <c>seq</c> (see <see cref="TickSequence"/>).</summary>
    private static TickRow[] ToRows(ReadOnlySpan<Tick> ticks)
    {
        var sequence = new TickSequence();
        var rows = new TickRow[ticks.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            ref readonly var tick = ref ticks[i];
            rows[i] = new TickRow
            {
                Symbol = tick.Symbol,
                Time = StorageTime.Truncate(tick.Time),
                Seq = sequence.Next(tick),
                Price = tick.Price,
                Size = tick.Size,
                Source = tick.Source,
            };
        }

        return rows;
    }
}
