using System.Buffers;
using System.Text;

namespace QuantPulse.Sources.Csv;

/// <summary>The cells of CSV rows read as UTF-8 bytes: trimmed as the text parsers trim them.</summary>
internal static class Utf8Cells
{
    /// <summary>
    /// Trims ASCII white space; false when an end is a non-ASCII white-space character, which only the text
    /// parsers (<see cref="string.Trim()"/>) trim.
    /// </summary>
    public static bool TryTrim(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> trimmed)
    {
        if (cell.IsEmpty || (cell[0] is > (byte)' ' and < 0x80 && cell[^1] is > (byte)' ' and < 0x80))
        {
            trimmed = cell; // the common cell: nothing to trim
            return true;
        }

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

        trimmed = cell[start..end];
        return trimmed.IsEmpty
            || ((trimmed[0] < 0x80 || !IsWhiteSpaceRune(Rune.DecodeFromUtf8(trimmed, out var first, out _), first))
                && (trimmed[^1] < 0x80 || !IsWhiteSpaceRune(Rune.DecodeLastFromUtf8(trimmed, out var last, out _), last)));
    }

    private static bool IsWhiteSpaceRune(OperationStatus status, Rune rune) => status == OperationStatus.Done && Rune.IsWhiteSpace(rune);
}
