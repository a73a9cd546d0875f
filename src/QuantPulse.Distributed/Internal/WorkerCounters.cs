namespace QuantPulse.Distributed.Internal;

/// <summary>The running totals of one worker, over all its partitions.</summary>
internal sealed class WorkerCounters
{
    private long _applied;
    private long _acknowledged;
    private long _replayed;
    private long _claimed;
    private long _rejected;

    public long AppliedTotal => Interlocked.Read(ref _applied);

    public long AcknowledgedTotal => Interlocked.Read(ref _acknowledged);

    public long ReplayedTotal => Interlocked.Read(ref _replayed);

    public long ClaimedTotal => Interlocked.Read(ref _claimed);

    public long RejectedTotal => Interlocked.Read(ref _rejected);

    public void Applied(long count) => Interlocked.Add(ref _applied, count);

    public void Acknowledged(long count) => Interlocked.Add(ref _acknowledged, count);

    public void Replayed(long count) => Interlocked.Add(ref _replayed, count);

    public void Claimed(long count) => Interlocked.Add(ref _claimed, count);

    public void Rejected() => Interlocked.Increment(ref _rejected);
}
