namespace QuantPulse.Storage;

/// <summary>Records runs (table <c>runs</c>) and removes a failed back-test's rows.</summary>
/// <remarks>
/// Signals and trades carry the id of the run that stored them (<c>run_id</c>) and the scope their IDs live in
/// (<c>run_scope</c>); see <see cref="IMarketStore.ForRun"/>. Implementations are thread-safe.
/// </remarks>
public interface IRunRepository
{
    /// <summary>Records a run as started; a run with the same id is replaced (a re-run of the same run).</summary>
    /// <param name="run">The run, normally <see cref="RunStatus.Running"/>.</param>
    /// <param name="cancellationToken">Aborts the write.</param>
    /// <returns>A task that completes when the run is recorded.</returns>
    /// <exception cref="ArgumentException">The id is not a valid run id.</exception>
    Task StartAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>Records how a run ended.</summary>
    /// <param name="id">The run id.</param>
    /// <param name="status"><see cref="RunStatus.Completed"/> or <see cref="RunStatus.Failed"/>.</param>
    /// <param name="finished">When it ended.</param>
    /// <param name="cancellationToken">Aborts the write.</param>
    /// <returns>Whether the run was recorded (false for an unknown id).</returns>
    Task<bool> FinishAsync(string id, RunStatus status, DateTimeOffset finished, CancellationToken cancellationToken = default);

    /// <summary>Reads one run.</summary>
    /// <param name="id">The run id.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The run, or null when no run has that id.</returns>
    Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reads every run, oldest first (ties by id).</summary>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The runs.</returns>
    Task<IReadOnlyList<RunRecord>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the signals and trades stored in the run's own scope (<see cref="RunScope.Own"/>), in one
    /// transaction: what a failed or repeated back-test leaves behind. Rows of the shared scope are never removed.
    /// </summary>
    /// <param name="id">The run id.</param>
    /// <param name="cancellationToken">Aborts the delete (the transaction rolls back).</param>
    /// <returns>How many rows were removed.</returns>
    Task<int> RemoveOwnRowsAsync(string id, CancellationToken cancellationToken = default);
}
