namespace QuantPulse.Hosting;

/// <summary>The exit codes of a host run with <c>RunQuantPulseAsync</c>.</summary>
public static class QuantPulseExitCodes
{
    /// <summary>The host stopped when asked (Ctrl+C, SIGTERM) or its sources ended.</summary>
    public const int Success = 0;

    /// <summary>The pipeline failed (storage unreachable after its retries, no source enabled, …); the cause is logged.</summary>
    public const int Failed = 1;

    /// <summary>The configuration is invalid; every invalid key is logged, one line each, and nothing started.</summary>
    public const int InvalidConfiguration = 2;
}
