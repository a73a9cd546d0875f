namespace QuantPulse.Sources.Live;

/// <summary>
/// Aborts a connection on which nothing has arrived for longer than the stall timeout, so a silent half-open socket
/// turns into a reconnect and a back-fill instead of a quiet gap. Runs on the source's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class StallWatchdog : IDisposable
{
    private readonly ITimer? _timer;

    public StallWatchdog(LiveFeed feed, SessionContext session, WebSocketConnection connection, TimeSpan stallTimeout)
    {
        if (stallTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, stallTimeout.Ticks / 4));
        _timer = feed.Time.CreateTimer(
            _ =>
            {
                var silence = feed.Time.GetUtcNow() - connection.LastReceived;
                if (silence > stallTimeout)
                {
                    session.EndReason ??= FormattableString.Invariant($"nothing received for {silence.TotalSeconds:0.#} s (stall timeout {stallTimeout.TotalSeconds:0.#} s)");
                    feed.Connection.RecordStall();
                    LiveSourceLog.StallDetected(feed.Logger, feed.Name, (long)silence.TotalMilliseconds);
                    connection.Abort();
                }
            },
            null,
            period,
            period);
    }

    public void Dispose() => _timer?.Dispose();
}
