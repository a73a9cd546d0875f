using LinqToDB;
using LinqToDB.Data;
using QuantPulse.Model;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// The <c>stream_journal</c> table through linq2db: appends with binary COPY, reads a partition back in stream
/// order. The only place the distributed roles open a linq2db connection.
/// </summary>
internal sealed class TickJournal(string connectionString)
{
    private readonly DataOptions _options = new DataOptions().UsePostgreSQL(connectionString);

    public DataConnection Open() => new(_options);

    public async Task<List<(StreamId Id, Tick Tick)>> LoadAsync(int partition, CancellationToken cancellationToken)
    {
        using var db = Open();
        var query = db.GetTable<JournalRow>()
            .Where(r => r.Partition == partition)
            .OrderBy(r => r.EntryMs).ThenBy(r => r.EntrySeq);
        var rows = await LinqToDB.Async.AsyncExtensions.ToListAsync(query, cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(r => (new StreamId(r.EntryMs, r.EntrySeq), ToTick(r)));
    }

    public async Task AppendAsync(int partition, IReadOnlyList<(StreamId Id, Tick Tick)> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        using var db = Open();
        await db.GetTable<JournalRow>().BulkCopyAsync(
            new BulkCopyOptions { BulkCopyType = BulkCopyType.ProviderSpecific },
            entries.Select(e => ToRow(partition, e.Id, e.Tick)),
            cancellationToken).ConfigureAwait(false);
    }

    private static JournalRow ToRow(int partition, StreamId id, in Tick tick)
    {
        var row = new JournalRow { Partition = partition, EntryMs = id.Ms, EntrySeq = id.Seq, Symbol = tick.Symbol, Time = tick.Time.ToUniversalTime() };
        row.SetValues(tick);
        return row;
    }

    private static Tick ToTick(JournalRow row) => row.ToTick(row.Symbol, row.Time);
}
