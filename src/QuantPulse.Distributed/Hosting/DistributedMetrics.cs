using System.Diagnostics.Metrics;
using System.Globalization;

namespace QuantPulse.Distributed.Hosting;

/// <summary>
/// The scale-out instruments on the <see cref="MeterName"/> meter. In Prometheus they read (docs/operations.md):
/// <c>quantpulse_partition_lag{partition,role}</c>, <c>quantpulse_partition_pending{partition,role}</c>,
/// <c>quantpulse_partition_owned{partition,worker}</c>, <c>quantpulse_role_ready{role}</c>,
/// <c>quantpulse_ingest_ticks_written_total</c>, <c>quantpulse_ingest_ticks_rejected_total</c>,
/// <c>quantpulse_worker_ticks_applied_total</c>, <c>quantpulse_worker_entries_acknowledged_total</c>,
/// <c>quantpulse_worker_ticks_replayed_total</c>, <c>quantpulse_worker_entries_claimed_total</c> and
/// <c>quantpulse_events_skipped_total</c>.
/// </summary>
public sealed class DistributedMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "QuantPulse.Distributed";

    private readonly Meter _meter = new(MeterName);

    /// <summary>Creates the instruments over a role's status.</summary>
    /// <param name="status">The role's status.</param>
    public DistributedMetrics(RoleStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var role = new KeyValuePair<string, object?>("role", DistributedRoles.Name(status.Role));
        _meter.CreateObservableGauge("quantpulse.partition.lag", () => Each(status, p => p.Lag, role), description: "Entries of a partition's tick stream not yet delivered to the workers.");
        _meter.CreateObservableGauge("quantpulse.partition.pending", () => Each(status, p => p.Pending, role), description: "Entries delivered to a worker and not yet acknowledged.");
        _meter.CreateObservableGauge(
            "quantpulse.partition.owned",
            () => status.Worker is { } worker
                ? status.Partitions.Select(p => new Measurement<int>(1, Partition(p), new KeyValuePair<string, object?>("worker", worker.WorkerId)))
                : [],
            description: "1 for each partition this worker owns.");
        _meter.CreateObservableGauge("quantpulse.role.ready", () => new Measurement<int>(status.IsReady ? 1 : 0, role), description: "1 while the role is ready (its readiness probe passes).");
        _meter.CreateObservableCounter("quantpulse.ingest.ticks.written", () => Optional(status.Ingest?.Written), description: "Ticks appended to the partition streams.");
        _meter.CreateObservableCounter("quantpulse.ingest.ticks.rejected", () => Optional(status.Ingest?.Rejected), description: "Ticks that failed validation and were not written.");
        _meter.CreateObservableCounter("quantpulse.worker.ticks.applied", () => Optional(status.Worker?.TicksApplied), description: "Ticks run through a partition pipeline and stored (replays included).");
        _meter.CreateObservableCounter("quantpulse.worker.entries.acknowledged", () => Optional(status.Worker?.EntriesAcknowledged), description: "Stream entries acknowledged after their outputs were stored.");
        _meter.CreateObservableCounter("quantpulse.worker.ticks.replayed", () => Optional(status.Worker?.TicksReplayed), description: "Journal ticks replayed when taking partitions over.");
        _meter.CreateObservableCounter("quantpulse.worker.entries.claimed", () => Optional(status.Worker?.EntriesClaimed), description: "Pending entries taken over from earlier owners.");
        _meter.CreateObservableCounter("quantpulse.events.skipped", () => Optional(status.Events?.Skipped), description: "Events-stream entries a dashboard could not read.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Each(RoleStatus status, Func<PartitionState, long> value, KeyValuePair<string, object?> role) =>
        status.Partitions.Select(p => new Measurement<long>(value(p), Partition(p), role));

    private static KeyValuePair<string, object?> Partition(PartitionState p) => new("partition", p.Partition.ToString(CultureInfo.InvariantCulture));

    private static IEnumerable<Measurement<long>> Optional(long? value) => value is { } v ? [new Measurement<long>(v)] : [];
}
