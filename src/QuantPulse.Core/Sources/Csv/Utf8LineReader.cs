using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace QuantPulse.Sources.Csv;

/// <summary>Reads the lines of UTF-8 text from a <see cref="Stream"/> as bytes into a pooled buffer, without decoding.</summary>
/// <remarks>
/// Lines end with <c>\n</c> or <c>\r\n</c>; the last line may lack its end. A UTF-8 byte order mark at the start
/// is skipped. A line of <see cref="CsvLineReader.MaxLineLength"/> or more characters (counted as UTF-16, as
/// <see cref="CsvLineReader"/> counts them) is skipped whole and reported through <see cref="LastLineTooLong"/>,
/// so a file without line breaks cannot exhaust memory. Not thread-safe.
/// </remarks>
internal sealed class Utf8LineReader : IDisposable
{
    private const int InitialBufferSize = 1 << 16;

    // A UTF-16 code unit takes at most 3 UTF-8 bytes: a line this long has at least MaxLineLength characters.
    private const int MaxBufferSize = 4 * CsvLineReader.MaxLineLength;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _lineStart;
    private int _lineLength;
    private bool _started;
    private bool _endOfInput;
    private bool _discarding;

    /// <param name="stream">The UTF-8 text to read.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="stream"/> open.</param>
    public Utf8LineReader(Stream stream, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was too long and was replaced by an empty line.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>Whether every line has been returned.</summary>
    public bool IsCompleted => _endOfInput && _start == _end && !_discarding;

    /// <summary>
    /// Returns the next line from the data read so far, without its line end. The span is valid until the next
    /// call on this reader.
    /// </summary>
    /// <returns>False when no complete line is buffered: call <see cref="Fill"/> (or see <see cref="IsCompleted"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // The per-row hot path: compiled with the runtime's code inlined, not precompiled.
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (!_started && !SkipByteOrderMark())
        {
            line = default;
            return false;
        }

        _lineStart = _start;
        var pending = _buffer.AsSpan(_start, _end - _start);
        var length = pending.IndexOf((byte)'\n');
        if (length >= 0)
        {
            _start += length + 1;
        }
        else if (_endOfInput && (!pending.IsEmpty || _discarding))
        {
            length = pending.Length;
            _start = _end;
        }
        else
        {
            line = default;
            return false;
        }

        LineNumber++;
        line = pending[..length];
        LastLineTooLong = _discarding
            || (length >= CsvLineReader.MaxLineLength && Encoding.UTF8.GetCharCount(line) >= CsvLineReader.MaxLineLength);
        _discarding = false;
        if (LastLineTooLong)
        {
            line = default;
        }
        else if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        _lineLength = line.Length;
        return true;
    }

    /// <summary>Reads more bytes. Returns false once the input has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfInput)
        {
            return false;
        }

        MakeRoom();
        Advance(await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false));
        return true;
    }

    /// <summary>Reads more bytes synchronously. Returns false once the input has ended.</summary>
    public bool Fill()
    {
        if (_endOfInput)
        {
            return false;
        }

        MakeRoom();
        Advance(_stream.Read(_buffer.AsSpan(_end)));
        return true;
    }

    /// <summary>Reads the next line as a string, filling synchronously as needed; null at the end of the input.</summary>
    public string? ReadLine()
    {
        while (!TryReadLine(out _))
        {
            if (!Fill())
            {
                return null;
            }
        }

        return ToText();
    }

    /// <summary>Reads the next line as a string, filling as needed; null at the end of the input.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (!TryReadLine(out _))
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        return ToText();
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }

        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The line just returned by TryReadLine, decoded (it stays in the buffer until the next fill).
    private string ToText() => Encoding.UTF8.GetString(_buffer.AsSpan(_lineStart, _lineLength));

    // Skips a UTF-8 byte order mark at the start of the input, once three bytes (or the whole input) are buffered.
    private bool SkipByteOrderMark()
    {
        if (_end - _start < 3 && !_endOfInput)
        {
            return false;
        }

        _started = true;
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }

        return true;
    }

    private void Advance(int read)
    {
        if (read == 0)
        {
            _endOfInput = true;
        }
        else
        {
            _end += read;
        }
    }

    private void MakeRoom()
    {
        if (!PooledLineBuffer.MakeRoom(ref _buffer, ref _start, ref _end, MaxBufferSize))
        {
            // No line break in MaxBufferSize bytes: they were dropped; skip to the end of this line.
            _discarding = true;
        }
    }
}
