using System.Numerics;
using System.Runtime.CompilerServices;

namespace QuantPulse.Sources.Csv;

/// <summary>Splits one CSV line into fields without allocating.</summary>
/// <remarks>
/// Fields are separated by commas. A field may be enclosed in double quotes, inside which a comma is data and a
/// doubled quote stands for one quote; a quoted field cannot span lines. The ranges of quoted fields exclude the
/// quotes; <see cref="ToText"/> turns a field into a string, undoing doubled quotes.
/// </remarks>
internal static class CsvFields
{
    /// <summary>
    /// Splits <paramref name="line"/> into at most <c>fields.Length</c> fields (the rest of the line is left unsplit).
    /// </summary>
    /// <returns>How many fields were found, or -1 when a quoted field is not closed or not followed by a comma.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Generic over the code unit: not precompiled, see Code<T>.
    public static int Split<T>(ReadOnlySpan<T> line, Span<Range> fields)
        where T : unmanaged, IBinaryInteger<T>
    {
        var comma = CsvTime.Unit<T>(',');
        var count = 0;
        var pos = 0;
        while (count < fields.Length)
        {
            if (pos < line.Length && CsvTime.Is(line[pos], '"'))
            {
                var end = ClosingQuote(line, pos + 1);
                if (end < 0)
                {
                    return -1;
                }

                fields[count++] = new Range(pos + 1, end);
                pos = end + 1;
                if (pos == line.Length)
                {
                    return count;
                }

                if (!CsvTime.Is(line[pos], ','))
                {
                    return -1;
                }

                pos++;
                continue;
            }

            var next = line[pos..].IndexOf(comma);
            if (next < 0)
            {
                fields[count++] = new Range(pos, line.Length);
                return count;
            }

            fields[count++] = new Range(pos, pos + next);
            pos += next + 1;
        }

        return count;
    }

    /// <summary>Splits a whole line into strings (for headers and for rows that are kept).</summary>
    /// <returns>The fields, or null when a quoted field is not closed or not followed by a comma.</returns>
    public static string[]? SplitToText(ReadOnlySpan<char> line)
    {
        var ranges = line.Length < 256 ? stackalloc Range[line.Length + 1] : new Range[line.Length + 1];
        var count = Split(line, ranges);
        if (count < 0)
        {
            return null;
        }

        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = ToText(line[ranges[i]]);
        }

        return result;
    }

    /// <summary>The text of a field, with doubled quotes undone.</summary>
    public static string ToText(ReadOnlySpan<char> field) =>
        field.Contains('"') ? field.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : field.ToString();

    /// <summary>Whether a value must be quoted to be written as one field.</summary>
    public static bool NeedsQuotes(ReadOnlySpan<char> value) => value.ContainsAny(',', '"');

    private static int ClosingQuote<T>(ReadOnlySpan<T> line, int pos)
        where T : unmanaged, IBinaryInteger<T>
    {
        while (true)
        {
            var quote = line[pos..].IndexOf(CsvTime.Unit<T>('"'));
            if (quote < 0)
            {
                return -1;
            }

            pos += quote;
            if (pos + 1 < line.Length && CsvTime.Is(line[pos + 1], '"'))
            {
                pos += 2;
                continue;
            }

            return pos;
        }
    }
}
