using QuantPulse.Model;

namespace QuantPulse.Sources;

/// <summary>Thread-safe counters of what a source accepted and rejected, by reason.</summary>
/// <remarks>Counters are live views: reading them while the source runs gives the latest values.</remarks>
public sealed class TickSourceStatistics
{
    private const int RecentCapacity = 32;
    private readonly long[] _rejected = new long[Enum.GetValues<TickRejection>().Length];
    private readonly Queue<string> _recent = new();
    private long _accepted;

    /// <summary>How many ticks the source yielded.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>How many inputs were rejected, all reasons together.</summary>
    public long TotalRejected
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _rejected.Length; i++)
            {
                sum += Interlocked.Read(ref _rejected[i]);
            }

            return sum;
        }
    }

    /// <summary>How many inputs were rejected for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long Rejected(TickRejection reason) => Interlocked.Read(ref _rejected[(int)reason]);

    /// <summary>The last few rejection messages, oldest first (at most 32).</summary>
    /// <returns>A snapshot copy.</returns>
    public IReadOnlyList<string> RecentRejections()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    /// <summary>Counts one accepted tick.</summary>
    public void RecordAccepted() => Interlocked.Increment(ref _accepted);

    /// <summary>Counts <paramref name="count"/> accepted ticks.</summary>
    /// <param name="count">How many.</param>
    public void RecordAccepted(long count) => Interlocked.Add(ref _accepted, count);

    /// <summary>Counts one rejected input.</summary>
    /// <param name="reason">Why it was rejected.</param>
    /// <param name="detail">A one-line description for the recent list, such as <c>line 17: price 'abc' is not a number</c>.</param>
    /// <returns>The number of rejections for this reason so far, including this one (callers rate-limit logs with it).</returns>
    public long RecordRejected(TickRejection reason, string? detail = null)
    {
        var n = Interlocked.Increment(ref _rejected[(int)reason]);
        if (detail is not null)
        {
            lock (_recent)
            {
                if (_recent.Count == RecentCapacity)
                {
                    _recent.Dequeue();
                }

                _recent.Enqueue(detail);
            }
        }

        return n;
    }
}
