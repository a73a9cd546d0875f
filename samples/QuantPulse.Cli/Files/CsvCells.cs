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
    public static void WriteAll(TextWriter writer, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                writer.Write(',');
            }

            Write(writer, cell);
            first = false;
        }
    }
}
