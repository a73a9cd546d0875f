namespace QuantPulse.Distributed.Hosting;

/// <summary>
/// What the host's role reports for health and metrics: whether it is ready, why, and the partitions it watches.
/// Registered by <c>AddQuantPulseRole</c> when a role is configured; the hosts' readiness endpoints read it.
/// </summary>
public sealed class RoleStatus
{
    private Snapshot _now = new(false, "starting", []);

    /// <summary>Creates the status of a role.</summary>
    /// <param name="role">The role.</param>
    /// <param name="options">The settings.</param>
    public RoleStatus(DistributedRole role, DistributedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Role = role;
        Options = options;
    }

    /// <summary>The role.</summary>
    public DistributedRole Role { get; }

    /// <summary>The settings.</summary>
    public DistributedHostOptions Options { get; }

    /// <summary>Whether the role is ready for work (readiness probe).</summary>
    public bool IsReady => Volatile.Read(ref _now).Ready;

    /// <summary>Why the role is or is not ready, on one line.</summary>
    public string Description => Volatile.Read(ref _now).Description;

    /// <summary>
    /// The partitions this process reports: every partition for the ingest role, the owned ones for a worker, none
    /// for a dashboard.
    /// </summary>
    public IReadOnlyList<PartitionState> Partitions => Volatile.Read(ref _now).Partitions;

    /// <summary>The ingest role, once running.</summary>
    public TickIngest? Ingest { get; internal set; }

    /// <summary>The worker role, once running.</summary>
    public PartitionWorker? Worker { get; internal set; }

    /// <summary>The events reader of the dashboard role, once running.</summary>
    public EventStreamReader? Events { get; internal set; }

    internal void Report(bool ready, string description, IReadOnlyList<PartitionState> partitions) =>
        Volatile.Write(ref _now, new Snapshot(ready, description, partitions));

    private sealed record Snapshot(bool Ready, string Description, IReadOnlyList<PartitionState> Partitions);
}
