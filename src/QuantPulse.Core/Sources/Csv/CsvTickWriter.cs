using System.Globalization;
using System.Text;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>Writes ticks in the replay format that <see cref="CsvTickSource"/> reads: <c>time,symbol,price,size</c>.</summary>
/// <remarks>
/// <para>
/// Times are written in UTC as <c>2024-01-02T03:04:05Z</c>, with a fraction only when it is not zero (3, 6 or 7
/// digits, as many as needed to round-trip exactly: <c>2024-01-02T03:04:05.123Z</c>). Prices and sizes are
/// written with the invariant culture exactly as the <see cref="decimal"/> holds them, scale included, so
/// reading the file back gives equal ticks. A symbol that contains a comma or a quote is quoted. Lines end with
/// <c>\n</c> on every platform, so the same ticks give the same bytes everywhere. UTF-8 without a byte order mark.
/// </para>
/// <para>
/// The header is written when the writer is created. <see cref="Tick.Source"/>, bid, ask and side are not part
/// of the format. Not thread-safe.
/// </para>
/// </remarks>
public sealed class CsvTickWriter : IDisposable, IAsyncDisposable
{
    /// <summary>The header line the writer starts with.</summary>
    public const string Header = "time,symbol,price,size";

    private const int BufferSize = 1 << 16;
    private readonly TextWriter _writer;
    private readonly bool _leaveOpen;
    private bool _disposed;

    /// <summary>Creates a writer over <paramref name="writer"/> and writes the header.</summary>
    /// <param name="writer">Where the text goes.</param>
    /// <param name="leaveOpen">Whether disposing this writer leaves <paramref name="writer"/> open (it is flushed either way).</param>
    public CsvTickWriter(TextWriter writer, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _leaveOpen = leaveOpen;
        _writer.Write(Header);
        _writer.Write('\n');
    }

    /// <summary>Creates a writer of UTF-8 text to <paramref name="stream"/> and writes the header.</summary>
    /// <param name="stream">Where the bytes go.</param>
    /// <param name="leaveOpen">Whether disposing this writer leaves <paramref name="stream"/> open (it is flushed either way).</param>
    public CsvTickWriter(Stream stream, bool leaveOpen = false)
        : this(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferSize, leaveOpen))
    {
    }

    /// <summary>How many ticks have been written.</summary>
    public long Count { get; private set; }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/> and writes the header.</summary>
    /// <param name="path">The file to write.</param>
    /// <returns>The writer; dispose it to flush and close the file.</returns>
    public static CsvTickWriter Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        try
        {
            return new CsvTickWriter(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes one tick as one line.</summary>
    /// <param name="tick">The tick.</param>
    /// <exception cref="ArgumentException">The symbol contains a line break, which the format cannot hold.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void Write(in Tick tick)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var symbol = tick.Symbol ?? string.Empty;
        if (symbol.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException($"The symbol '{symbol.ReplaceLineEndings(" ")}' contains a line break.", nameof(tick));
        }

        Span<char> buffer = stackalloc char[96];
        var length = CsvTime.Format(tick.Time, buffer);
        buffer[length++] = ',';
        _writer.Write(buffer[..length]);

        if (CsvFields.NeedsQuotes(symbol))
        {
            _writer.Write('"');
            _writer.Write(symbol.Replace("\"", "\"\"", StringComparison.Ordinal));
            _writer.Write('"');
        }
        else
        {
            _writer.Write(symbol);
        }

        length = 0;
        buffer[length++] = ',';
        length += FormatDecimal(tick.Price, buffer[length..]);
        buffer[length++] = ',';
        length += FormatDecimal(tick.Size, buffer[length..]);
        buffer[length++] = '\n';
        _writer.Write(buffer[..length]);
        Count++;
    }

    /// <summary>Writes ticks in order.</summary>
    /// <param name="ticks">The ticks.</param>
    /// <exception cref="ArgumentException">A symbol contains a line break.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public void Write(ReadOnlySpan<Tick> ticks)
    {
        foreach (ref readonly var tick in ticks)
        {
            Write(tick);
        }
    }

    /// <summary>Flushes buffered text to the underlying writer or stream.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Flushes buffered text to the underlying writer or stream.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the text is flushed.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    /// <summary>Flushes, and closes the underlying writer unless it was left open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_leaveOpen)
        {
            _writer.Flush();
        }
        else
        {
            _writer.Dispose();
        }
    }

    /// <summary>Flushes, and closes the underlying writer unless it was left open.</summary>
    /// <returns>A task that completes when the writer is flushed and closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_leaveOpen)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }
        else
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static int FormatDecimal(decimal value, Span<char> destination) =>
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException("A decimal did not fit its buffer.");
}
