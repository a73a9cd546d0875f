using System.Data.Common;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>ticks</c> table: shared reads, with the backend's bulk append.</summary>
internal sealed class TickTable(
    StorageDialect db,
    TickSql sql,
    Func<ReadOnlyMemory<Tick>, CancellationToken, Task> append) : ITickRepository
{
    public Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default) =>
        ticks.IsEmpty ? Task.CompletedTask : append(ticks, cancellationToken);

    public Task<IReadOnlyList<Tick>> GetRangeAsync(
        string symbol,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        StorageFormat.CheckRange(from, to, nameof(to));
        return db.QueryAsync(sql.Range, new { Symbol = symbol, From = db.Time(from), To = db.Time(to) }, Read, cancellationToken);
    }

    private Tick Read(DbDataReader r) => new(
        r.GetString(0),
        db.ReadTime(r, 1),
        db.ReadDecimal(r, 2),
        db.ReadDecimal(r, 3),
        r.GetString(4));
}
