using System.Diagnostics.CodeAnalysis;
using LinqToDB;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>runs</c> table, the same LINQ on every backend.</summary>
internal sealed class RunTable(StoreDb db) : IRunRepository
{
    // The row initializer below is an expression tree that names RunRow's setters; linq2db reads it back to the properties.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(RunRow))]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "RunRow's properties are kept by the DynamicDependency above.")]
    public Task StartAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        RunTag.Check(run.Id, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Command, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Parameters, nameof(run));
        var (id, started, command, parameters, input, status) =
            (run.Id, StorageTime.Truncate(run.Started), run.Command, run.Parameters, run.Input, Text(run.Status));

        // Starting a stored id again restarts it: every column is replaced and the finish cleared.
        return db.InTransactionAsync(
            connection => connection.GetTable<RunRow>().InsertOrUpdateAsync(
                () => new RunRow { Id = id, Started = started, Finished = null, Command = command, Parameters = parameters, Input = input, Status = status },
                r => new RunRow { Started = started, Finished = null, Command = command, Parameters = parameters, Input = input, Status = status },
                cancellationToken),
            cancellationToken);
    }

    public async Task<bool> FinishAsync(string id, RunStatus status, DateTimeOffset finished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var (text, at) = (Text(status), StorageTime.Truncate(finished));
        var updated = await db.InTransactionAsync(
            connection => connection.GetTable<RunRow>()
                .Where(r => r.Id == id)
                .Set(r => r.Status, text)
                .Set(r => r.Finished, at)
                .UpdateAsync(cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return updated > 0;
    }

    public Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return db.SingleAsync(c => c.GetTable<RunRow>().Where(r => r.Id == id), FromRow, cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> GetAllAsync(CancellationToken cancellationToken = default) =>
        db.ListAsync(c => c.GetTable<RunRow>().OrderBy(r => r.Started).ThenBy(r => r.Id), FromRow, cancellationToken);

    public Task<int> RemoveOwnRowsAsync(string id, CancellationToken cancellationToken = default)
    {
        RunTag.Check(id, nameof(id));
        return db.InTransactionAsync(
            async connection =>
            {
                var trades = await connection.GetTable<TradeRow>().Where(t => t.RunScope == id).DeleteAsync(cancellationToken).ConfigureAwait(false);
                var signals = await connection.GetTable<SignalRow>().Where(s => s.RunScope == id).DeleteAsync(cancellationToken).ConfigureAwait(false);
                return trades + signals;
            },
            cancellationToken);
    }

    private static string Text(RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Completed => "COMPLETED",
        RunStatus.Failed => "FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a run status."),
    };

    private static RunStatus Parse(string text) => text switch
    {
        "RUNNING" => RunStatus.Running,
        "COMPLETED" => RunStatus.Completed,
        "FAILED" => RunStatus.Failed,
        _ => throw new InvalidDataException($"Unknown run status '{text}' in the runs table."),
    };

    private static RunRecord FromRow(RunRow r) => new(r.Id, r.Started, r.Command, r.Parameters, r.Input, Parse(r.Status))
    {
        Finished = r.Finished,
    };
}
