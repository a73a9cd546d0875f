namespace QuantPulse.Cli.Files;

/// <summary>
/// A stream that only writes, to the stream it owns, and turns the failures of a write or flush into the
/// exception a command reports: the same message for every way a file can fail, a quiet stop for a closed pipe.
/// </summary>
/// <param name="inner">The stream written to; disposed with this one.</param>
/// <param name="translate">The exception to throw instead of an <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/>, or null to let it through.</param>
internal sealed class WriteOnlyStream(Stream inner, Func<Exception, Exception?> translate) : Stream
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

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception ex) when (Translated(ex) is { } translated)
        {
            throw translated;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (Translated(ex) is { } translated)
        {
            throw translated;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (Exception ex) when (Translated(ex) is { } translated)
        {
            throw translated;
        }
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inner.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (Translated(ex) is { } translated)
        {
            throw translated;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private Exception? Translated(Exception ex) => ex is IOException or UnauthorizedAccessException ? translate(ex) : null;
}
