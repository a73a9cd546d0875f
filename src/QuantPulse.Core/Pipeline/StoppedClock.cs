namespace QuantPulse.Pipeline;

/// <summary>
/// A pipeline clock that stands still at the Unix epoch and whose timers never fire, for replaying a finished
/// file: candles then close only on the data (the first tick of a later bucket) and at the end of the file, never
/// on a heartbeat from the wall clock.
/// </summary>
/// <remarks>
/// With the system clock, a heartbeat during a replay closes every symbol's buckets up to the newest tick read so
/// far, at moments that depend on how fast the machine reads; a file not in global time order (one symbol after
/// another) would then lose ticks as late at random. With this clock the result depends on the file alone.
/// </remarks>
public sealed class StoppedClock : TimeProvider
{
    private StoppedClock()
    {
    }

    /// <summary>The clock.</summary>
    public static StoppedClock Instance { get; } = new();

    /// <summary>Always the Unix epoch.</summary>
    /// <returns><see cref="DateTimeOffset.UnixEpoch"/>.</returns>
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;

    /// <summary>Always zero.</summary>
    /// <returns>Zero.</returns>
    public override long GetTimestamp() => 0;

    /// <summary>A timer that never fires.</summary>
    /// <param name="callback">Never called.</param>
    /// <param name="state">Unused.</param>
    /// <param name="dueTime">Unused.</param>
    /// <param name="period">Unused.</param>
    /// <returns>The silent timer.</returns>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new SilentTimer();

    private sealed class SilentTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
