namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>
/// Tick → browser latency of the price charts: from the moment a batch reached the chart's observer to the moment
/// the browser confirmed the redraw that showed it (the redraw throttle included). Keeps the last samples.
/// </summary>
/// <remarks>Thread-safe; one instance per host.</remarks>
internal sealed class ChartLatency(TimeProvider timeProvider)
{
    private const int Capacity = 4096;
    private readonly Lock _gate = new();
    private readonly double[] _samples = new double[Capacity];
    private long _count;

    /// <summary>The clock's current timestamp, to pass back to <see cref="Record"/>.</summary>
    public long Now() => timeProvider.GetTimestamp();

    /// <summary>Records one redraw of ticks that arrived at <paramref name="since"/>.</summary>
    public void Record(long since)
    {
        var milliseconds = timeProvider.GetElapsedTime(since).TotalMilliseconds;
        lock (_gate)
        {
            _samples[_count % Capacity] = milliseconds;
            _count++;
        }
    }

    /// <summary>p50, p90, p99 and max in milliseconds over the kept samples, or null before the first.</summary>
    public LatencySummary? Summary()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _samples.AsSpan(0, (int)Math.Min(_count, Capacity))];
        }

        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, At(0.50), At(0.90), At(0.99), sorted[^1]);

        double At(double quantile) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1)];
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencySummary(int Samples, double P50, double P90, double P99, double Max);
