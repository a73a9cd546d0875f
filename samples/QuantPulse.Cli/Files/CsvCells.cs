namespace QuantPulse.Cli.Files;

/// <summary>Writes CSV cells: a cell holding a comma, a quote or a line break is quoted (quotes doubled); any other cell is written as it is.</summary>
internal static class CsvCells
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",\"\r\n");

    /// <summary>Writes one cell.</summary>
    public static void Write(TextWriter writer, string cell)
    {
        if (cell.AsSpan().IndexOfAny(Special) < 0)
        {
            writer.Write(cell);
            return;
        }

        writer.Write('"');
        writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>Writes cells separated by commas (no line end).</summary>
    public static void WriteAll(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            Write(writer, cells[i]);
        }
    }

    /// <summary>The cells joined as <see cref="WriteAll"/> writes them.</summary>
    public static string Join(IReadOnlyList<string> cells)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteAll(text, cells);
        return text.ToString();
    }

    /// <summary>Writes a number as <see cref="double.ToString(IFormatProvider)"/> with the invariant culture does, without a string.</summary>
    public static void Write(TextWriter writer, double value)
    {
        Span<char> text = stackalloc char[32];
        if (!value.TryFormat(text, out var length, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            writer.Write(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        writer.Write(text[..length]);
    }
}
