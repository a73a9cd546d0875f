using Microsoft.Win32.SafeHandles;

namespace QuantPulse.Cli.Files;

/// <summary>
/// Standard output as a stream that reports a reader that went away (<c>quantpulse candles … | head -1</c>) as
/// <see cref="OutputClosedException"/>, so the command stops quietly with exit code 141, as a process killed by
/// SIGPIPE would.
/// </summary>
/// <remarks>
/// .NET ignores SIGPIPE and its console stream drops the EPIPE error, so a command writing to a closed pipe would
/// run to the end and report success. When standard output is a pipe (or a terminal), this stream writes to file
/// descriptor 1 itself, where EPIPE surfaces as an <see cref="IOException"/> whose <see cref="Exception.HResult"/>
/// is the error number.
/// </remarks>
internal static class StandardOutput
{
    private const int BrokenPipe = 32; // EPIPE on Linux and macOS

    /// <summary>Standard output as a stream; the console's own on Windows and when it is a file.</summary>
    public static Stream Open()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.OpenStandardOutput();
        }

        // The returned stream owns the file stream, which owns the handle (that does not own descriptor 1).
#pragma warning disable CA2000
        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
#pragma warning restore CA2000
        if (stream.CanSeek)
        {
            // A file (quantpulse ... >> log): FileStream writes at the offset it keeps itself and would not move the
            // offset the shell shares with the next command, which would then overwrite this output. A file has no
            // reader to go away, so the console's stream loses nothing.
            stream.Dispose();
            return Console.OpenStandardOutput();
        }

        return new WriteOnlyStream(stream, ex => ex is IOException { HResult: BrokenPipe } ? new OutputClosedException(ex) : null);
    }
}
