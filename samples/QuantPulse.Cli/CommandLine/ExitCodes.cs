namespace QuantPulse.Cli.CommandLine;

/// <summary>The process exit codes of <c>quantpulse</c>: part of its contract (see docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The arguments were valid but the work failed: a missing or malformed input file, an unwritable output.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong: unknown command or option, missing or invalid value.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Standard output was closed by its reader (128 + SIGPIPE, as shells report a process SIGPIPE killed).</summary>
    public const int OutputClosed = 141;
}
