using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Sources.Databento;

/// <summary>
/// Reads a DBN stream (Databento Binary Encoding, versions 2 and 3): the metadata header, then one record at a time.
/// </summary>
/// <remarks>
/// <para>
/// Trades (<c>trades</c> schema) become <see cref="Tick"/>s with the price (fixed-point, 1e-9) as an exact decimal
/// without trailing zeros, the size, the aggressor side (<c>B</c> buy, <c>A</c> sell) and <c>ts_event</c> (UTC,
/// truncated to 100 ns). OHLCV records (<c>ohlcv-1s</c>, <c>-1m</c>, <c>-1h</c>, <c>-1d</c>) become closed
/// <see cref="Candle"/>s opening at <c>ts_event</c>, with a tick count of 0 (DBN bars do not carry one). Instrument
/// ids become symbols through the metadata's mappings (by UTC date) or the stream's symbol-mapping records; an
/// unmapped id is written as its number.
/// </para>
/// <para>
/// A record with an undefined (<c>i64::MAX</c>) or non-positive price, or an undefined time, is returned as
/// <see cref="DbnRecordKind.Invalid"/> with the reason; records of other schemas as <see cref="DbnRecordKind.Other"/>.
/// A stream that is not DBN, of another version, or cut inside the metadata or a record throws
/// <see cref="InvalidDataException"/> with a one-line reason.
/// </para>
/// <para>
/// zstd-compressed DBN (Databento's <c>.dbn.zst</c>) is recognised by its first bytes, whatever the file is called,
/// and decompressed as it is read (one or more concatenated frames; memory bounded by the frame's window, never the
/// whole file). Compressed data that is corrupt, cut inside a frame, or not DBN once decompressed throws
/// <see cref="InvalidDataException"/> as well; byte positions in messages count decompressed DBN bytes.
/// </para>
/// </remarks>
public sealed class DbnReader : IDisposable
{
    private const int MaxRecordLength = byte.MaxValue * DbnFormat.LengthUnit;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly DbnSymbolMap _symbols = new();
    private readonly byte[] _record = new byte[MaxRecordLength];
    private readonly string _source;
    private Stream _stream;
    private bool _compressed;
    private int _symbolLength;
    private long _offset;

    /// <summary>Reads the metadata from <paramref name="stream"/>; records are read by <see cref="Read"/>.</summary>
    /// <param name="stream">The DBN bytes, uncompressed or zstd-compressed.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <param name="source">The <see cref="Tick.Source"/> of the trades; <see cref="TickSources.Databento"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream does not start with a DBN version 2 or 3 metadata header.</exception>
    public DbnReader(Stream stream, bool leaveOpen = false, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _input = _stream = stream;
        _leaveOpen = leaveOpen;
        _source = source ?? TickSources.Databento;
        var prelude = new byte[DbnFormat.PreludeLength];
        var read = ReadFully(prelude);
        if (ZstdInput.IsCompressed(prelude.AsSpan(0, read)))
        {
            StartDecompressing(prelude.AsSpan(0, read));
            read = ReadFully(prelude);
        }

        var body = new byte[CheckPrelude(prelude, read, _compressed, out var version)];
        Metadata = ReadMetadata(version, body, ReadFully(body), out _symbolLength);
    }

    private DbnReader(string source, Stream stream)
    {
        _input = _stream = stream;
        _leaveOpen = true;
        _source = source;
        Metadata = null!;
    }

    /// <summary>The metadata header.</summary>
    public DbnMetadata Metadata { get; private set; }

    /// <summary>How many records were read so far.</summary>
    public long RecordCount { get; private set; }

    /// <summary>
    /// Whether data that starts with <paramref name="start"/> is for this reader: DBN (<c>DBN</c> and a version byte)
    /// or zstd-compressed (whose content is checked when it is read).
    /// </summary>
    /// <param name="start">The first bytes of the data (4 are enough).</param>
    /// <returns>True for DBN or zstd.</returns>
    public static bool Recognizes(ReadOnlySpan<byte> start) =>
        ZstdInput.IsCompressed(start) || (start.Length >= ZstdInput.MagicLength && start.StartsWith("DBN"u8) && start[3] < 0x20);

    /// <summary>Opens a DBN file, uncompressed or zstd-compressed.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The reader, positioned at the first record.</returns>
    /// <exception cref="InvalidDataException">The file is not DBN version 2 or 3; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DbnReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new DbnReader(stream);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new InvalidDataException($"cannot read '{path}': {ex.Message}", ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the metadata from a network stream without blocking a thread.</summary>
    internal static async Task<DbnReader> OpenAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        var reader = new DbnReader(source, stream);
        var prelude = new byte[DbnFormat.PreludeLength];
        var read = await reader.ReadFullyAsync(prelude, cancellationToken).ConfigureAwait(false);
        if (ZstdInput.IsCompressed(prelude.AsSpan(0, read)))
        {
            reader.StartDecompressing(prelude.AsSpan(0, read));
            read = await reader.ReadFullyAsync(prelude, cancellationToken).ConfigureAwait(false);
        }

        var body = new byte[CheckPrelude(prelude, read, reader._compressed, out var version)];
        reader.Metadata = reader.ReadMetadata(version, body, await reader.ReadFullyAsync(body, cancellationToken).ConfigureAwait(false), out reader._symbolLength);
        return reader;
    }

    /// <summary>Reads the next record without blocking a thread; null at the end of the stream.</summary>
    internal async ValueTask<DbnRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        var start = _offset;
        if (await ReadFullyAsync(_record.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) == 0)
        {
            return null;
        }

        var length = RecordLength(start);
        var read = await ReadFullyAsync(_record.AsMemory(1, length - 1), cancellationToken).ConfigureAwait(false);
        return Decode(start, length, read);
    }

    /// <summary>Reads the next record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>False at the end of the stream.</returns>
    /// <exception cref="InvalidDataException">The stream ends inside a record, or a record's length is impossible.</exception>
    public bool Read(out DbnRecord record)
    {
        record = default;
        var start = _offset;
        if (ReadFully(_record.AsSpan(0, 1)) == 0)
        {
            return false;
        }

        var length = RecordLength(start);
        record = Decode(start, length, ReadFully(_record.AsSpan(1, length - 1)));
        return true;
    }

    /// <summary>Closes the stream unless it was to be left open.</summary>
    public void Dispose()
    {
        if (_compressed)
        {
            _stream.Dispose();
        }

        if (!_leaveOpen)
        {
            _input.Dispose();
        }
    }

    private static int CheckPrelude(ReadOnlySpan<byte> prelude, int read, bool compressed, out int version)
    {
        if (compressed && (read < 3 || !prelude.StartsWith("DBN"u8)))
        {
            throw new InvalidDataException(read == 0 ? "the zstd data decompresses to nothing" : "the zstd data is not DBN once decompressed (it does not start with 'DBN')");
        }

        if (read < prelude.Length)
        {
            throw new InvalidDataException(read == 0 ? "the file is empty" : "not a DBN file (too short for its header)");
        }

        (version, var length) = DbnDecoder.ReadPrelude(prelude);
        return length;
    }

    /// <summary>From here on, reads the decompressed bytes of the input, whose first bytes are <paramref name="consumed"/>.</summary>
    private void StartDecompressing(ReadOnlySpan<byte> consumed)
    {
        _stream = ZstdInput.Decompress(consumed.ToArray(), _input);
        _compressed = true;
        _offset = 0;
    }

    private DbnMetadata ReadMetadata(int version, byte[] body, int read, out int symbolLength)
    {
        if (read < body.Length)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the DBN metadata is truncated: {body.Length} bytes announced, {read} present"));
        }

        return DbnDecoder.ReadMetadata(version, body, _symbols, out symbolLength);
    }

    private int RecordLength(long start)
    {
        var length = _record[0] * DbnFormat.LengthUnit;
        if (length < DbnFormat.HeaderLength)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"a DBN record at byte {start} has an impossible length of {length} bytes"));
        }

        return length;
    }

    private DbnRecord Decode(long start, int length, int read)
    {
        if (read < length - 1)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the file ends inside the DBN record at byte {start}"));
        }

        var body = Metadata.TsOut ? length - 8 : length;
        RecordCount++;
        return DbnDecoder.ReadRecord(_record.AsSpan(0, Math.Max(body, DbnFormat.HeaderLength)), _symbolLength, _symbols, _source);
    }

    private async ValueTask<int> ReadFullyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_compressed && ZstdInput.Translate(ex) is { } invalid)
        {
            throw invalid;
        }

        _offset += read;
        return read;
    }

    private int ReadFully(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (_compressed && ZstdInput.Translate(ex) is { } invalid)
        {
            throw invalid;
        }

        _offset += read;
        return read;
    }
}
