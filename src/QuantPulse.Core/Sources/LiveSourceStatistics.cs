namespace QuantPulse.Sources;

/// <summary>Thread-safe counters of a live source's connection life: connects, losses, back-fills, buffer pressure.</summary>
/// <remarks>
/// Counters are live views: reading them while the source runs gives the latest values. Rejected input is counted
/// per reason in <see cref="TickSourceStatistics"/>, not here.
/// </remarks>
public sealed class LiveSourceStatistics
{
    private long _connectionsOpened;
    private long _connectFailures;
    private long _connectionsLost;
    private long _stallsDetected;
    private long _rotations;
    private long _messagesReceived;
    private long _keepAlivesSent;
    private long _serverErrors;
    private long _backfillRequests;
    private long _backfilledTicks;
    private long _backfillGaps;
    private long _bufferFullEvents;

    /// <summary>How many connections were opened (the first one, every reconnect and every planned rotation).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>How many connection attempts failed (refused, timed out, unreachable).</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>How many open connections ended without being asked to (dropped, closed by the venue, stalled).</summary>
    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    /// <summary>How many connections were abandoned because nothing arrived for longer than the stall timeout.</summary>
    public long StallsDetected => Interlocked.Read(ref _stallsDetected);

    /// <summary>How many planned connection switches were completed (the Binance 24-hour limit, for example).</summary>
    public long Rotations => Interlocked.Read(ref _rotations);

    /// <summary>How many messages arrived on the stream, of any kind, well-formed or not.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>How many application-level keep-alive messages were sent.</summary>
    public long KeepAlivesSent => Interlocked.Read(ref _keepAlivesSent);

    /// <summary>How many error responses the venue sent.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>How many history requests were made to back-fill.</summary>
    public long BackfillRequests => Interlocked.Read(ref _backfillRequests);

    /// <summary>How many ticks were yielded from back-fill history rather than from the live stream.</summary>
    public long BackfilledTicks => Interlocked.Read(ref _backfilledTicks);

    /// <summary>How many back-fills could not recover every missed tick (the venue refused, or the gap exceeded the limit).</summary>
    public long BackfillGaps => Interlocked.Read(ref _backfillGaps);

    /// <summary>How many times the receive loop found the tick buffer full and had to wait for the reader.</summary>
    public long BufferFullEvents => Interlocked.Read(ref _bufferFullEvents);

    internal void RecordConnectionOpened() => Interlocked.Increment(ref _connectionsOpened);

    internal void RecordConnectFailure() => Interlocked.Increment(ref _connectFailures);

    internal void RecordConnectionLost() => Interlocked.Increment(ref _connectionsLost);

    internal void RecordStall() => Interlocked.Increment(ref _stallsDetected);

    internal void RecordRotation() => Interlocked.Increment(ref _rotations);

    internal void RecordMessage() => Interlocked.Increment(ref _messagesReceived);

    internal void RecordKeepAlive() => Interlocked.Increment(ref _keepAlivesSent);

    internal void RecordServerError() => Interlocked.Increment(ref _serverErrors);

    internal void RecordBackfillRequest() => Interlocked.Increment(ref _backfillRequests);

    internal void RecordBackfilledTick() => Interlocked.Increment(ref _backfilledTicks);

    internal void RecordBackfillGap() => Interlocked.Increment(ref _backfillGaps);

    internal void RecordBufferFull() => Interlocked.Increment(ref _bufferFullEvents);
}
