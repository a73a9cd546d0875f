namespace QuantPulse.Cli.Files;

/// <summary>
/// The output files being written right now, so that a second Ctrl+C (or SIGTERM), which ends the process at once
/// without unwinding the command, can still remove them: no partial file is ever left that looks complete.
/// </summary>
/// <remarks>
/// An <see cref="OutputTarget"/> creates its file inside <see cref="Create{T}"/> and calls <see cref="Finished"/>
/// once the file is complete or removed. After <see cref="Abandon"/>, creating a file is refused. Thread-safe:
/// <see cref="Abandon"/> runs on the signal handler's thread while the command runs on others.
/// </remarks>
internal static class UnfinishedOutputs
{
    private static readonly Lock Gate = new();

    // The path, and whether it is emptied (the target of a symbolic link, which stays) rather than deleted.
    private static readonly Dictionary<string, bool> Files = new(StringComparer.Ordinal);
    private static bool _abandoned;

    /// <summary>Runs <paramref name="create"/>, which creates a file and says whether (and how) to remove it if unfinished.</summary>
    /// <exception cref="OperationCanceledException">The process is ending: no file is created.</exception>
    public static T Create<T>(Func<(T Result, string? Path, bool EmptyOnly)> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (Gate)
        {
            if (_abandoned)
            {
                throw new OperationCanceledException("interrupted");
            }

            var (result, path, emptyOnly) = create();
            if (path is not null)
            {
                Files[path] = emptyOnly;
            }

            return result;
        }
    }

    /// <summary>The file at <paramref name="path"/> is complete, or was removed by its writer.</summary>
    public static void Finished(string path)
    {
        lock (Gate)
        {
            Files.Remove(path);
        }
    }

    /// <summary>Removes (or empties) every unfinished file and refuses new ones; returns how many there were.</summary>
    public static int Abandon()
    {
        lock (Gate)
        {
            _abandoned = true;
            var count = Files.Count;
            foreach (var (path, emptyOnly) in Files)
            {
                try
                {
                    if (emptyOnly)
                    {
                        File.WriteAllBytes(path, []);
                    }
                    else
                    {
                        File.Delete(path);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The process ends now whatever happens; the other files are still removed.
                }
            }

            Files.Clear();
            return count;
        }
    }
}
