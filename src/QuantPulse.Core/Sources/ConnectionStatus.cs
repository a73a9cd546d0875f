namespace QuantPulse.Sources;

/// <summary>A snapshot of a live source's connection state.</summary>
/// <param name="State">The state.</param>
/// <param name="Attempt">
/// The number of consecutive failed connections so far: zero while the connection is healthy, <c>n</c> while waiting
/// for or making the <c>n</c>-th retry.
/// </param>
/// <param name="Since">When the source entered this state, from the source's <see cref="TimeProvider"/>.</param>
public sealed record ConnectionStatus(ConnectionState State, int Attempt, DateTimeOffset Since)
{
    /// <summary>For <see cref="ConnectionState.Reconnecting"/>: how long the source waits before the next attempt.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>Why the source entered this state (the error that ended the last connection, for example), if known.</summary>
    public string? Reason { get; init; }
}
