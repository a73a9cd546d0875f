namespace QuantPulse.Cli.Commands;

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
internal sealed class StoppedClock : TimeProvider
{
    public static StoppedClock Instance { get; } = new();

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;

    public override long GetTimestamp() => 0;

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
