using System.Text;
using QuantPulse.Cli.Commands;

namespace QuantPulse.Cli.Files;

/// <summary>
/// Where a command writes its data: a file (created or replaced) or, for <c>-</c>, standard output. A file that
/// is not completed with <see cref="CompleteAsync"/> is deleted on dispose, so a failed or cancelled command
/// never leaves a partial file that looks complete.
/// </summary>
/// <remarks>
/// Text is UTF-8 without a byte order mark; lines end with <c>\n</c> on every platform. The summary line goes to
/// standard output when the data goes to a file, and to standard error when the data goes to standard output.
/// </remarks>
internal sealed class OutputTarget : IAsyncDisposable
{
    /// <summary>The <c>--output</c> value that means standard output.</summary>
    public const string StandardOutput = "-";

    private const int BufferSize = 1 << 16;
    private readonly string? _path;
    private bool _completed;

    private OutputTarget(TextWriter writer, string? path, TextWriter summary)
    {
        Writer = writer;
        _path = path;
        Summary = summary;
    }

    /// <summary>Where the data goes.</summary>
    public TextWriter Writer { get; }

    /// <summary>Where the one-line summary of the command goes.</summary>
    public TextWriter Summary { get; }

    /// <summary>The file's path, or <c>standard output</c>, for the summary.</summary>
    public string Description => _path ?? "standard output";

    /// <summary>Opens the output: creates (or replaces) the file at <paramref name="path"/>, or takes standard output for <c>-</c>.</summary>
    /// <exception cref="IOException">The file cannot be created; the message names it.</exception>
    public static OutputTarget Open(string path, CliConsole console)
    {
        if (path == StandardOutput)
        {
            return new OutputTarget(console.Out, path: null, console.Error);
        }

        try
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
            var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferSize) { NewLine = "\n" };
            return new OutputTarget(writer, path, console.Out);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Flushes everything written and, for a file, closes it: the output is complete.</summary>
    public async Task CompleteAsync()
    {
        if (_path is null)
        {
            await Writer.FlushAsync();
        }
        else
        {
            await Writer.DisposeAsync();
        }

        _completed = true;
    }

    /// <summary>Closes the file; deletes it when the output was not completed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_path is null || _completed)
        {
            return;
        }

        try
        {
            await Writer.DisposeAsync();
        }
        finally
        {
            File.Delete(_path);
        }
    }
}
