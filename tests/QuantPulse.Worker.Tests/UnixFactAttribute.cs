namespace QuantPulse.Worker.Tests;

/// <summary>A fact that sends POSIX signals to the worker; reported as skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "POSIX signals do not exist on Windows.";
        }
    }
}
