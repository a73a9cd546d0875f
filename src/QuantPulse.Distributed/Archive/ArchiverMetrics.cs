using System.Diagnostics.Metrics;

namespace QuantPulse.Distributed.Archive;

/// <summary>
/// The archiver's instruments on the <see cref="MeterName"/> meter. Exported to Prometheus they read
/// <c>quantpulse_archiver_rows_total</c> (rows stored), <c>quantpulse_archiver_rows_skipped_total</c> (rows stored
/// before, written again after a lost acknowledgement), <c>quantpulse_archiver_entries_rejected_total{reason}</c>,
/// <c>quantpulse_archiver_entries_claimed_total</c>, <c>quantpulse_archiver_errors_total{store}</c>, the histograms
/// <c>quantpulse_archiver_batch_size_rows</c>, <c>quantpulse_archiver_batch_duration_seconds</c> (COPY, aggregates
/// and commit) and <c>quantpulse_archiver_batch_latency_seconds</c> (first entry read to acknowledged), and the gauge
/// <c>quantpulse_archiver_rows_per_second</c> (the last batch's rows over its write time). Rows per second over time
/// is <c>rate(quantpulse_archiver_rows_total[1m])</c>.
/// </summary>
public sealed class ArchiverMetrics : IDisposable
{
    /// <summary>The meter name to export (<c>QuantPulse.Distributed.Archiver</c>).</summary>
    public const string MeterName = "QuantPulse.Distributed.Archiver";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _rows;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _claimed;
    private readonly Counter<long> _errors;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _batchLatency;
    private double _rowsPerSecond;

    /// <summary>Creates the instruments.</summary>
    public ArchiverMetrics()
    {
        _rows = _meter.CreateCounter<long>("quantpulse.archiver.rows", "{row}", "Ticks stored in the archive.");
        _skipped = _meter.CreateCounter<long>("quantpulse.archiver.rows.skipped", "{row}", "Ticks written again after a lost acknowledgement and skipped (stored already).");
        _rejected = _meter.CreateCounter<long>("quantpulse.archiver.entries.rejected", "{entry}", "Stream entries not archived, by reason (invalid, expired).");
        _claimed = _meter.CreateCounter<long>("quantpulse.archiver.entries.claimed", "{entry}", "Pending entries taken over from another archiver.");
        _errors = _meter.CreateCounter<long>("quantpulse.archiver.errors", "{error}", "Failed attempts, by store (redis, postgres), retried.");
        _batchSize = _meter.CreateHistogram<int>("quantpulse.archiver.batch.size", "{row}", "Rows per written batch.");
        _batchDuration = _meter.CreateHistogram<double>("quantpulse.archiver.batch.duration", "s", "Time to COPY a batch, refresh its aggregates and commit.");
        _batchLatency = _meter.CreateHistogram<double>("quantpulse.archiver.batch.latency", "s", "Time from reading a batch's first entry to acknowledging the batch.");
        _meter.CreateObservableGauge("quantpulse.archiver.rows_per_second", () => Volatile.Read(ref _rowsPerSecond), "{row}/s", "The last batch's rows over its write time.");
    }

    internal void Written(int rows, int inserted, TimeSpan duration)
    {
        _rows.Add(inserted);
        _skipped.Add(rows - inserted);
        _batchSize.Record(rows);
        _batchDuration.Record(duration.TotalSeconds);
        Volatile.Write(ref _rowsPerSecond, duration > TimeSpan.Zero ? rows / duration.TotalSeconds : 0);
    }

    internal void Acknowledged(TimeSpan latency) => _batchLatency.Record(latency.TotalSeconds);

    internal void Rejected(string reason, long count) => _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));

    internal void Claimed(long count) => _claimed.Add(count);

    internal void Error(string store) => _errors.Add(1, new KeyValuePair<string, object?>("store", store));

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
