namespace QuantPulse.Sources.Live;

/// <summary>What one connection session reports back to the reconnect loop.</summary>
internal sealed class SessionContext
{
    /// <summary>Consecutive failures before this session (0 for the first attempt or after a healthy connection).</summary>
    public int Attempt { get; set; }

    /// <summary>Where the session connects (for logs; no secrets).</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>When the connection was established; null while (or if never) connected.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>When the connection first became live (caught up); null if it never did.</summary>
    public DateTimeOffset? LiveSince { get; set; }

    /// <summary>Why the session ended, when the session knows better than the exception (a stall, for example).</summary>
    public string? EndReason { get; set; }

    public void Reset(int attempt)
    {
        Attempt = attempt;
        ConnectedAt = null;
        LiveSince = null;
        EndReason = null;
    }
}
