using System.Text;
using QuantPulse.Internal;

namespace QuantPulse.Sources.Csv;

/// <summary>Turns text into the UTF-8 bytes <see cref="Utf8LineReader"/> reads: read-only, forward-only.</summary>
/// <remarks>
/// A <see cref="TextReader"/> is encoded as it is read; a seekable stream that starts with a UTF-16 or UTF-32 byte
/// order mark is transcoded, as <see cref="StreamReader"/> would decode it; any other stream is read as it is.
/// </remarks>
internal sealed class Utf8TextStream : ReadOnlyStream
{
    private const int CharBufferSize = 1 << 14;

    private readonly TextReader _reader;
    private readonly bool _leaveOpen;
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly char[] _chars = new char[CharBufferSize];
    private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(CharBufferSize)];
    private int _start;
    private int _end;
    private bool _endOfText;

    private Utf8TextStream(TextReader reader, bool leaveOpen)
    {
        _reader = reader;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The UTF-8 bytes of the text of <paramref name="reader"/>.</summary>
    public static Stream Of(TextReader reader, bool leaveOpen) => new Utf8TextStream(reader, leaveOpen);

    /// <summary>
    /// <paramref name="stream"/> as UTF-8: transcoded when it is seekable and starts with a UTF-16 or UTF-32 byte
    /// order mark, otherwise itself.
    /// </summary>
    public static Stream Of(Stream stream, bool leaveOpen)
    {
        if (!stream.CanSeek)
        {
            return stream;
        }

        Span<byte> start = stackalloc byte[4];
        var position = stream.Position;
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = position;
        Encoding? encoding = start[..read] switch
        {
            [0xFF, 0xFE, 0, 0] => Encoding.UTF32,
            [0, 0, 0xFE, 0xFF] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        return encoding is null
            ? stream
            : new Utf8TextStream(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, CharBufferSize, leaveOpen), leaveOpen: false);
    }

    public override int Read(Span<byte> buffer)
    {
        while (_start == _end && !_endOfText)
        {
            Encode(_reader.Read(_chars));
        }

        return CopyTo(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_start == _end && !_endOfText)
        {
            Encode(await _reader.ReadAsync(_chars, cancellationToken).ConfigureAwait(false));
        }

        return CopyTo(buffer.Span);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Encode(int chars)
    {
        _endOfText = chars == 0;
        _start = 0;
        _end = _encoder.GetBytes(_chars.AsSpan(0, chars), _bytes, flush: _endOfText);
    }

    private int CopyTo(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _end - _start);
        _bytes.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }
}
