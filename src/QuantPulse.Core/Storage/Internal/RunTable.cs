using System.Data.Common;
using Dapper;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>runs</c> table; its statements are the same on every backend.</summary>
internal sealed class RunTable(StorageDialect db) : IRunRepository
{
    private const string Columns = "id, started, finished, command, parameters, input, status";

    private const string UpsertSql = $"""
        INSERT INTO runs ({Columns}) VALUES (@Id, @Started, NULL, @Command, @Parameters, @Input, @Status)
        ON CONFLICT (id) DO UPDATE SET
            started = excluded.started, finished = NULL, command = excluded.command,
            parameters = excluded.parameters, input = excluded.input, status = excluded.status
        """;

    private const string FinishSql = "UPDATE runs SET status = @Status, finished = @Finished WHERE id = @Id";

    private const string GetSql = $"SELECT {Columns} FROM runs WHERE id = @Id";

    private const string AllSql = $"SELECT {Columns} FROM runs ORDER BY started, id";

    private const string RemoveSql = """
        DELETE FROM trades WHERE run_scope = @Id;
        DELETE FROM signals WHERE run_scope = @Id;
        """;

    public Task StartAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        RunTag.Check(run.Id, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Command, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Parameters, nameof(run));
        var row = new { run.Id, Started = db.Time(run.Started), run.Command, run.Parameters, run.Input, Status = Text(run.Status) };
        return db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(UpsertSql, row, transaction, cancellationToken: cancellationToken)),
            cancellationToken);
    }

    public async Task<bool> FinishAsync(string id, RunStatus status, DateTimeOffset finished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var row = new { Id = id, Status = Text(status), Finished = db.Time(finished) };
        var updated = await db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(FinishSql, row, transaction, cancellationToken: cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return updated > 0;
    }

    public Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return db.QuerySingleAsync(GetSql, new { Id = id }, Read, cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> GetAllAsync(CancellationToken cancellationToken = default) =>
        db.QueryAsync(AllSql, null, Read, cancellationToken);

    public Task<int> RemoveOwnRowsAsync(string id, CancellationToken cancellationToken = default)
    {
        RunTag.Check(id, nameof(id));
        return db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(RemoveSql, new { Id = id }, transaction, cancellationToken: cancellationToken)),
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

    private RunRecord Read(DbDataReader r) => new(
        r.GetString(0),
        db.ReadTime(r, 1),
        r.GetString(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        Parse(r.GetString(6)))
    {
        Finished = db.ReadNullableTime(r, 2),
    };
}
