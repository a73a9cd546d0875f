namespace QuantPulse.Cli.Tests.Testing;

/// <summary>A fact about POSIX files (devices such as <c>/dev/null</c>); reported as skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "POSIX device files do not exist on Windows.";
        }
    }
}
