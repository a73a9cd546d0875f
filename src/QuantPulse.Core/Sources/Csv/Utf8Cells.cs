using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace QuantPulse.Sources.Csv;

/// <summary>The cells of CSV rows read as UTF-8 bytes: trimmed as the text parsers trim them.</summary>
internal static class Utf8Cells
{
    /// <summary>
    /// Trims ASCII white space; false when an end is a non-ASCII white-space character, which only the text
    /// parsers (<see cref="string.Trim()"/>) trim.
    /// </summary>
    /// <remarks>
    /// Inlined, with the cells that need trimming measured out of line and handed back in a register: a call that
    /// wrote the trimmed cell through an out parameter would leave it in memory, and the caller's reload of it (as
    /// the 8-byte half of a span argument over a 4-byte length store) cannot be forwarded from the store and waits
    /// for it, on every cell of every row.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryTrim(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> trimmed)
    {
        if (cell.IsEmpty || (cell[0] is > (byte)' ' and < 0x80 && cell[^1] is > (byte)' ' and < 0x80))
        {
            trimmed = cell; // the common cell: nothing to trim
            return true;
        }

        var (start, length) = TrimmedPart(cell);
        trimmed = cell.Slice(start, Math.Max(length, 0));
        return length >= 0;
    }

    // Where TryTrim's cell starts and how long it is; the length is -1 when an end is non-ASCII white space.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int Start, int Length) TrimmedPart(ReadOnlySpan<byte> cell)
    {
        var start = 0;
        var end = cell.Length;
        while (start < end && cell[start] < 0x80 && char.IsWhiteSpace((char)cell[start]))
        {
            start++;
        }

        while (end > start && cell[end - 1] < 0x80 && char.IsWhiteSpace((char)cell[end - 1]))
        {
            end--;
        }

        var trimmed = cell[start..end];
        var valid = trimmed.IsEmpty
            || ((trimmed[0] < 0x80 || !IsWhiteSpaceRune(Rune.DecodeFromUtf8(trimmed, out var first, out _), first))
                && (trimmed[^1] < 0x80 || !IsWhiteSpaceRune(Rune.DecodeLastFromUtf8(trimmed, out var last, out _), last)));
        return (start, valid ? trimmed.Length : -1);
    }

    private static bool IsWhiteSpaceRune(OperationStatus status, Rune rune) => status == OperationStatus.Done && Rune.IsWhiteSpace(rune);
}
