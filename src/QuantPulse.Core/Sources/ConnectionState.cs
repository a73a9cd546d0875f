namespace QuantPulse.Sources;

/// <summary>Where a live source stands with its connection to the venue.</summary>
public enum ConnectionState
{
    /// <summary>Not started yet: nothing has asked for ticks.</summary>
    Idle = 0,

    /// <summary>Opening a connection (see <see cref="ConnectionStatus.Attempt"/> for the attempt number).</summary>
    Connecting,

    /// <summary>Connected and fetching the ticks missed since the last one received (or the warm-up history).</summary>
    Backfilling,

    /// <summary>Connected, caught up, streaming.</summary>
    Live,

    /// <summary>Disconnected, waiting <see cref="ConnectionStatus.RetryDelay"/> before the next attempt.</summary>
    Reconnecting,

    /// <summary>Gave up (too many consecutive failures, or every symbol was refused); the tick stream ends with an error.</summary>
    Failed,

    /// <summary>Stopped because the reader stopped or the source was disposed.</summary>
    Stopped,
}
