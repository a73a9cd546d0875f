using System.Buffers;

namespace QuantPulse.Sources.Csv;

/// <summary>Reads lines from a <see cref="TextReader"/> into a pooled buffer, without a string per line.</summary>
/// <remarks>
/// Lines end with <c>\n</c> or <c>\r\n</c>; the last line may lack its end. A line longer than
/// <see cref="MaxLineLength"/> is skipped whole and reported through <see cref="LastLineTooLong"/>, so a file
/// without line breaks cannot exhaust memory. Not thread-safe.
/// </remarks>
internal sealed class CsvLineReader : IDisposable
{
    /// <summary>The longest line handed out, in characters.</summary>
    public const int MaxLineLength = 1 << 20;

    private const int InitialBufferSize = 1 << 16;

    private readonly TextReader _reader;
    private readonly bool _leaveOpen;
    private char[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfInput;
    private bool _discarding;

    /// <param name="reader">The text to read.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="reader"/> open.</param>
    public CsvLineReader(TextReader reader, bool leaveOpen)
    {
        _reader = reader;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<char>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the line last returned was too long and was replaced by an empty line.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>Whether every line has been returned.</summary>
    public bool IsCompleted => _endOfInput && _start == _end && !_discarding;

    /// <summary>
    /// Returns the next line from the data read so far. The span is valid until the next call on this reader.
    /// </summary>
    /// <returns>False when no complete line is buffered: call <see cref="FillAsync"/> (or see <see cref="IsCompleted"/>).</returns>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        var newline = pending.IndexOf('\n');
        if (newline >= 0)
        {
            _start += newline + 1;
        }
        else if (_endOfInput && (!pending.IsEmpty || _discarding))
        {
            newline = pending.Length;
            _start = _end;
        }
        else
        {
            line = default;
            return false;
        }

        LineNumber++;
        LastLineTooLong = _discarding;
        _discarding = false;
        line = LastLineTooLong ? default : pending[..newline];
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        return true;
    }

    /// <summary>Reads more characters. Returns false once the input has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfInput)
        {
            return false;
        }

        MakeRoom();
        var read = await _reader.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        Advance(read);
        return true;
    }

    /// <summary>Reads more characters synchronously. Returns false once the input has ended.</summary>
    public bool Fill()
    {
        if (_endOfInput)
        {
            return false;
        }

        MakeRoom();
        Advance(_reader.Read(_buffer.AsSpan(_end)));
        return true;
    }

    /// <summary>Returns the next line, reading synchronously as needed; false at the end of the input.</summary>
    public bool ReadLine(out ReadOnlySpan<char> line)
    {
        while (!TryReadLine(out line))
        {
            if (!Fill())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the next line as a string, filling as needed; null at the end of the input.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadLine(out var line))
            {
                return LastLineTooLong ? string.Empty : line.ToString();
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _reader.Dispose();
        }

        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
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
        if (!PooledLineBuffer.MakeRoom(ref _buffer, ref _start, ref _end, MaxLineLength))
        {
            // No line break in MaxLineLength characters: they were dropped; skip to the end of this line.
            _discarding = true;
        }
    }
}
