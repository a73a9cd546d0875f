namespace QuantPulse.Distributed.Archive;

/// <summary>What one partition maintenance run of the archive did.</summary>
/// <param name="Hypertable">True when the archive is a TimescaleDB hypertable (chunks are managed by TimescaleDB and old ones dropped by retention).</param>
/// <param name="Partitions">The days (UTC) that have a partition after the run, ascending (empty for a hypertable).</param>
/// <param name="Detached">The days whose partitions retention detached in this run.</param>
public sealed record ArchiveMaintenance(bool Hypertable, IReadOnlyList<DateOnly> Partitions, IReadOnlyList<DateOnly> Detached);
