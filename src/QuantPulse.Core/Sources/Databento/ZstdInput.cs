using QuantPulse.Internal;
using ZstdSharp;

namespace QuantPulse.Sources.Databento;

/// <summary>
/// Recognises zstd-compressed input (Databento's <c>.dbn.zst</c>) by its first bytes and decompresses it as a
/// stream, with ZstdSharp.Port (a managed port of the reference zstd library).
/// </summary>
/// <remarks>
/// Detection is by content, not by name: a zstd frame starts with the magic number <c>0xFD2FB528</c> and a skippable
/// frame with <c>0x184D2A50</c>–<c>0x184D2A5F</c> (both little-endian). Concatenated frames decompress as one
/// stream, skippable frames are passed over. Memory stays bounded: a 128 KiB input buffer and the frame's window,
/// which zstd refuses above 2^27 bytes (its default limit; ordinary compression levels use 1–8 MiB).
/// </remarks>
internal static class ZstdInput
{
    /// <summary>The bytes needed to recognise a frame.</summary>
    public const int MagicLength = 4;

    /// <summary>Whether <paramref name="start"/>, the first bytes of the input, open a zstd or skippable frame.</summary>
    public static bool IsCompressed(ReadOnlySpan<byte> start) =>
        start.Length >= MagicLength
        && ((start[0] == 0x28 && start[1] == 0xB5 && start[2] == 0x2F && start[3] == 0xFD)
            || ((start[0] & 0xF0) == 0x50 && start[1] == 0x2A && start[2] == 0x4D && start[3] == 0x18));

    /// <summary>
    /// The decompressed bytes of <paramref name="stream"/>, whose first bytes were already read into
    /// <paramref name="consumed"/>; disposing the result leaves <paramref name="stream"/> open.
    /// </summary>
    public static Stream Decompress(ReadOnlyMemory<byte> consumed, Stream stream) =>
        new DecompressionStream(new PrefixedStream(consumed, stream), checkEndOfStream: true, leaveOpen: false);

    /// <summary>
    /// Turns what the decompressor throws on bad input into an <see cref="InvalidDataException"/> with a one-line
    /// reason; null for any other exception.
    /// </summary>
    public static InvalidDataException? Translate(Exception ex) => ex switch
    {
        ZstdException zstd => new InvalidDataException($"the zstd data is corrupt ({zstd.Message.TrimEnd('.')})", ex),
        EndOfStreamException => new InvalidDataException("the zstd data is cut short (the file ends inside a compressed frame)", ex),
        _ => null,
    };

    /// <summary>Reads <c>consumed</c> first, then the rest of the stream (which it never closes).</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> consumed, Stream inner) : ReadOnlyStream
    {
        private ReadOnlyMemory<byte> _prefix = consumed;

        public override int Read(Span<byte> buffer) => TakePrefix(buffer) is var taken and > 0 ? taken : inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            TakePrefix(buffer.Span) is var taken and > 0 ? ValueTask.FromResult(taken) : inner.ReadAsync(buffer, cancellationToken);

        private int TakePrefix(Span<byte> buffer)
        {
            var taken = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..taken].CopyTo(buffer);
            _prefix = _prefix[taken..];
            return taken;
        }
    }
}
