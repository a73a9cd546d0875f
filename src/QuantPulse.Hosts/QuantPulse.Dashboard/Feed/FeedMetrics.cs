using System.Diagnostics.Metrics;

namespace QuantPulse.Dashboard.Feed;

/// <summary>The feed's instruments on the <c>QuantPulse</c> meter.</summary>
internal sealed class FeedMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _latency;

    public FeedMetrics(IMeterFactory meters, UpdateFeedClients clients)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(QuantPulse.Hosting.QuantPulseMetrics.MeterName);
        var meter = _meter;
        _dropped = meter.CreateCounter<long>("quantpulse.ws.dropped", description: "Ticks dropped for WebSocket clients that fell behind.");
        _latency = meter.CreateHistogram<double>(
            "quantpulse.tick_to_ws",
            unit: "s",
            description: "Time from a tick leaving the pipeline to its frame being sent to a WebSocket client.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        meter.CreateObservableGauge("quantpulse.ws.clients", () => clients.Count, description: "Connected WebSocket clients.");
    }

    public void Dropped(long count) => _dropped.Add(count);

    public void Delivered(TimeSpan latency) => _latency.Record(latency.TotalSeconds);
}

/// <summary>The count of connected feed clients (for the gauge, without a dependency cycle).</summary>
internal sealed class UpdateFeedClients
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);

    public void Remove() => Interlocked.Decrement(ref _count);
}
