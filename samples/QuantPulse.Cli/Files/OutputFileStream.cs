namespace QuantPulse.Cli.Files;

/// <summary>
/// The file an <see cref="OutputTarget"/> writes: every write or flush that fails (a full disk, a file that
/// refuses writes such as <c>/proc/version</c>) throws an <see cref="IOException"/> that names the file, as the
/// failure to create it does.
/// </summary>
internal sealed class OutputFileStream(FileStream file, string path) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The message of a failure to write <paramref name="path"/>.</summary>
    public static string CannotWrite(string path, Exception ex) => $"cannot write '{path}': {ex.Message}";

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => file.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            file.Write(buffer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException(CannotWrite(path, ex), ex);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        await GuardAsync(() => file.WriteAsync(buffer, cancellationToken).AsTask());

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await GuardAsync(() => file.WriteAsync(buffer, offset, count, cancellationToken));

    public override void Flush() => Guard(file.Flush);

    public override async Task FlushAsync(CancellationToken cancellationToken) => await GuardAsync(() => file.FlushAsync(cancellationToken));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException(CannotWrite(path, ex), ex);
        }
    }

    private async Task GuardAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException(CannotWrite(path, ex), ex);
        }
    }
}
