using System.Text;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Commands;

namespace QuantPulse.Cli.Files;

/// <summary>
/// Where a command writes its data: a file (created or replaced) or, for <c>-</c>, standard output. A file that
/// is not completed with <see cref="CompleteAsync"/> is deleted on dispose, so a failed or cancelled command
/// never leaves a partial file that looks complete.
/// </summary>
/// <remarks>
/// <para>
/// Text is UTF-8 without a byte order mark; lines end with <c>\n</c> on every platform. The summary line goes to
/// standard output when the data goes to a file, and to standard error when the data goes to standard output.
/// </para>
/// <para>
/// Only a regular file is replaced and deleted. A symbolic link is kept: its target is replaced, and emptied if
/// the command fails. A device or a pipe (<c>/dev/null</c>, <c>/dev/stdout</c> through its link) is only written
/// to. An output that is one of the command's inputs under another name (a link to it) is refused before anything
/// is written.
/// </para>
/// <para>
/// An existing file is written over from its start and cut to the new output's length when the output completes,
/// rather than emptied first: emptying a file costs the time to free its pages, and a file emptied to zero length
/// makes ext4 (<c>auto_da_alloc</c>) allocate and flush everything written to it when it is closed — together tens
/// of milliseconds on a 100 MB output, most of a short command's run. Until the output completes the file is
/// unfinished either way, and is deleted (or emptied) if the command fails or is interrupted. A recording, kept
/// when a second Ctrl+C ends the process at once, is emptied first instead, so what it keeps is only what it
/// recorded.
/// </para>
/// </remarks>
internal sealed class OutputTarget : IAsyncDisposable
{
    /// <summary>The <c>--output</c> value that means standard output.</summary>
    public const string StandardOutput = "-";

    private const string Option = "--output";
    private const int BufferSize = 1 << 16;
    private readonly string? _path;
    private readonly FileStream? _file;
    private readonly OnFailure _onFailure;
    private bool _completed;

    private OutputTarget(TextWriter writer, string? path, TextWriter summary, FileStream? file, OnFailure onFailure)
    {
        Writer = writer;
        _path = path;
        Summary = summary;
        _file = file;
        _onFailure = onFailure;
    }

    /// <summary>What happens to an output that was not completed.</summary>
    private enum OnFailure
    {
        /// <summary>Nothing: standard output, a device or a pipe.</summary>
        Keep,

        /// <summary>The file is deleted.</summary>
        Delete,

        /// <summary>The file is emptied: the target of a symbolic link, which stays.</summary>
        Empty,
    }

    /// <summary>Where the data goes.</summary>
    public TextWriter Writer { get; }

    /// <summary>Where the one-line summary of the command goes.</summary>
    public TextWriter Summary { get; }

    /// <summary>The file's path, or <c>standard output</c>, for the summary.</summary>
    public string Description => _path ?? "standard output";

    /// <summary>
    /// Opens the output: creates (or replaces) the file at <paramref name="path"/>, or takes standard output for <c>-</c>.
    /// </summary>
    /// <param name="path">The <c>--output</c> value.</param>
    /// <param name="console">The command's standard streams.</param>
    /// <param name="inputs">The files the command reads, which the output may not be under any name.</param>
    /// <exception cref="UsageException">The output is one of <paramref name="inputs"/> (a link to it, say).</exception>
    /// <exception cref="IOException">The file cannot be created; the message names it.</exception>
    public static OutputTarget Open(string path, CliConsole console, params string[] inputs) => Open(path, console, inputs, keptOnInterrupt: false);

    /// <summary>
    /// Opens the output of a recording: as <see cref="Open(string, CliConsole, string[])"/>, except that a second
    /// Ctrl+C, which ends the process at once, keeps the file (see <see cref="UnfinishedOutputs"/>): what was
    /// recorded until then is flushed and worth keeping.
    /// </summary>
    /// <exception cref="IOException">The file cannot be created; the message names it.</exception>
    public static OutputTarget OpenRecording(string path, CliConsole console) => Open(path, console, [], keptOnInterrupt: true);

    private static OutputTarget Open(string path, CliConsole console, string[] inputs, bool keptOnInterrupt)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (path == StandardOutput)
        {
            return new OutputTarget(console.Out, path: null, console.Error, file: null, OnFailure.Keep);
        }

        if (Directory.Exists(path))
        {
            throw new IOException($"cannot write '{path}': it is a folder");
        }

        FileStream? file = null;
        try
        {
            var isLink = new FileInfo(path).LinkTarget is not null;
            var onFailure = OnFailure.Keep;
            file = UnfinishedOutputs.Create(() =>
            {
                var created = OpenFile(path, inputs);
                onFailure = !IsRegularFile(created) ? OnFailure.Keep : isLink ? OnFailure.Empty : OnFailure.Delete;
                if (keptOnInterrupt && onFailure != OnFailure.Keep)
                {
                    created.SetLength(0);
                }

                return (created, onFailure == OnFailure.Keep || keptOnInterrupt ? null : path, onFailure == OnFailure.Empty);
            });
            var writer = new StreamWriter(new WriteOnlyStream(file, ex => new IOException(CannotWrite(path, ex), ex)), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferSize, leaveOpen: true) { NewLine = "\n" };
            return new OutputTarget(writer, path, console.Out, file, onFailure);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            throw new IOException(CannotWrite(path, ex), ex);
        }
    }

    private static string CannotWrite(string path, Exception ex) => $"cannot write '{path}': {ex.Message}";

    /// <summary>
    /// Whether <paramref name="stream"/>, open for writing, is a regular file; its content is left as it is. A pipe
    /// cannot seek, and the length of a device cannot be set.
    /// </summary>
    /// <remarks>
    /// The probe sets the length without shrinking the file: an empty file grows to one byte, which the output
    /// writes over or <see cref="CompleteAsync"/> cuts. Setting an empty file's length to zero would mark it for
    /// ext4's flush on close (see the class remarks).
    /// </remarks>
    internal static bool IsRegularFile(FileStream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        try
        {
            stream.SetLength(Math.Max(stream.Length, 1));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Flushes everything written and, for a file, cuts what an older, longer file held after it and closes it:
    /// the output is complete.
    /// </summary>
    public async Task CompleteAsync()
    {
        await Writer.FlushAsync();
        if (_file is not null)
        {
            await Writer.DisposeAsync();
            if (_onFailure != OnFailure.Keep)
            {
                try
                {
                    _file.SetLength(_file.Position);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new IOException(CannotWrite(_path!, ex), ex);
                }
            }

            await _file.DisposeAsync();
            UnfinishedOutputs.Finished(_path!);
        }

        _completed = true;
    }

    /// <summary>Closes the file; deletes or empties it when the output was not completed (see the remarks).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_file is null || _completed)
        {
            return;
        }

        try
        {
            // What was written is of no use; a write error here (a full disk) must not hide the command's own error.
            await Writer.DisposeAsync();
        }
        catch (IOException)
        {
        }

        try
        {
            if (_onFailure == OnFailure.Empty)
            {
                _file.SetLength(0);
            }

            await _file.DisposeAsync();
            if (_onFailure == OnFailure.Delete)
            {
                File.Delete(_path!);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that refused to be written may refuse to be removed as well (one under /proc): the command's
            // own error says what went wrong.
        }
        finally
        {
            await _file.DisposeAsync();
            UnfinishedOutputs.Finished(_path!);
        }
    }

    // An existing output may be an input under another name (a symbolic or hard link): while the inputs are held
    // open, opening it exclusively fails instead of truncating it. An empty input (a pipe or a FIFO among them,
    // which must not be opened twice) has nothing to lose and is not held.
    private static FileStream OpenFile(string path, string[] inputs)
    {
        var held = File.Exists(path) ? inputs.Select(HoldInput).OfType<FileStream>().ToList() : [];
        if (held.Count == 0)
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1);
        }

        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1);
        }
        catch (IOException)
        {
            // Locked: by one of the inputs held here, or by another process reading the file.
            Release(held);
            var same = InputHolding(path, inputs);
            if (same is null)
            {
                throw;
            }

            throw new UsageException($"{Option}: '{path}' is the same file as '{same}'; write to another file");
        }
        finally
        {
            Release(held);
        }
    }

    // The input that, held open, keeps the output from being opened exclusively (without truncating it), if any.
    private static string? InputHolding(string path, string[] inputs)
    {
        if (!CanOpenExclusively(path))
        {
            return null;
        }

        foreach (var input in inputs)
        {
            using var held = HoldInput(input);
            if (held is not null && !CanOpenExclusively(path))
            {
                return input;
            }
        }

        return null;
    }

    private static bool CanOpenExclusively(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Release(List<FileStream> held)
    {
        foreach (var input in held)
        {
            input.Dispose();
        }
    }

    private static FileStream? HoldInput(string input)
    {
        try
        {
            return File.Exists(input) && new FileInfo(input).Length > 0
                ? new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An input that cannot be opened cannot be the output either; reading it will report the problem.
            return null;
        }
    }
}
