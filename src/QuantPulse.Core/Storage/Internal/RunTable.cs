using System.Data.Common;

namespace QuantPulse.Storage.Internal;

/// <summary>The <c>runs</c> table, in plain SQL that both backends run as written.</summary>
internal sealed class RunTable(StoreDb db) : IRunRepository
{
    private const string Columns = "id, started, finished, command, parameters, input, status";

    // Starting a stored id again restarts it: every column is replaced and the finish cleared.
    private const string StartSql = $"""
        INSERT INTO runs ({Columns}) VALUES (@id, @started, NULL, @command, @parameters, @input, @status)
        ON CONFLICT (id) DO UPDATE SET
            started = excluded.started, finished = NULL, command = excluded.command,
            parameters = excluded.parameters, input = excluded.input, status = excluded.status
        """;

    private const string FinishSql = "UPDATE runs SET status = @status, finished = @finished WHERE id = @id";

    public Task StartAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        RunTag.Check(run.Id, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Command, nameof(run));
        ArgumentNullException.ThrowIfNull(run.Parameters, nameof(run));
        (string, object?)[] values =
        [
            ("id", run.Id), ("started", db.Sql.Time(run.Started)), ("command", run.Command), ("parameters", run.Parameters),
            ("input", run.Input), ("status", Text(run.Status)),
        ];
        return db.InTransactionAsync(session => session.ExecuteAsync(StartSql, cancellationToken, values), cancellationToken);
    }

    public async Task<bool> FinishAsync(string id, RunStatus status, DateTimeOffset finished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        (string, object?)[] values = [("status", Text(status)), ("finished", db.Sql.Time(finished)), ("id", id)];
        var updated = await db.InTransactionAsync(session => session.ExecuteAsync(FinishSql, cancellationToken, values), cancellationToken)
            .ConfigureAwait(false);
        return updated > 0;
    }

    public async Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var runs = await db.QueryAsync($"SELECT {Columns} FROM runs WHERE id = @id", FromRow, cancellationToken, ("id", id)).ConfigureAwait(false);
        return runs.Count == 0 ? null : runs[0];
    }

    public Task<IReadOnlyList<RunRecord>> GetAllAsync(CancellationToken cancellationToken = default) =>
        db.QueryAsync($"SELECT {Columns} FROM runs ORDER BY started, id", FromRow, cancellationToken);

    public Task<int> RemoveOwnRowsAsync(string id, CancellationToken cancellationToken = default)
    {
        RunTag.Check(id, nameof(id));
        return db.InTransactionAsync(
            async session =>
            {
                var trades = await session.ExecuteAsync("DELETE FROM trades WHERE run_scope = @scope", cancellationToken, ("scope", id)).ConfigureAwait(false);
                var signals = await session.ExecuteAsync("DELETE FROM signals WHERE run_scope = @scope", cancellationToken, ("scope", id)).ConfigureAwait(false);
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

    private RunRecord FromRow(DbDataReader r) =>
        new(r.GetString(0), db.Sql.GetTime(r, 1), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), Parse(r.GetString(6)))
        {
            Finished = db.Sql.GetNullableTime(r, 2),
        };
}
