namespace QuantPulse.Sources.Csv;

/// <summary>The header line of a CSV file: column names, found by name case-insensitively.</summary>
internal sealed class CsvHeader
{
    private CsvHeader(string[] cells, string[] names)
    {
        Cells = cells;
        Names = names;
    }

    /// <summary>The header cells as written (a leading byte order mark removed).</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>The column names, trimmed.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many columns.</summary>
    public int Count => Names.Count;

    /// <summary>Parses a header line.</summary>
    /// <param name="line">The first line of the file.</param>
    /// <param name="source">The file's name, for error messages.</param>
    /// <exception cref="InvalidDataException">The line is not a valid CSV line or has an empty column name.</exception>
    public static CsvHeader Parse(ReadOnlySpan<char> line, string source)
    {
        if (!line.IsEmpty && line[0] == '\uFEFF')
        {
            line = line[1..];
        }

        var cells = CsvFields.SplitToText(line)
            ?? throw new InvalidDataException($"{source}: line 1: the header has an unterminated quoted column name.");
        var names = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            names[i] = cells[i].Trim();
            if (names[i].Length == 0)
            {
                throw new InvalidDataException($"{source}: line 1: column {i + 1} of the header has no name.");
            }
        }

        return new CsvHeader(cells, names);
    }

    /// <summary>The index of the one column named by any of <paramref name="aliases"/>, or -1 when there is none.</summary>
    /// <param name="source">The file's name, for error messages.</param>
    /// <param name="aliases">The accepted names, the canonical one first.</param>
    /// <exception cref="InvalidDataException">More than one column matches.</exception>
    public int IndexOf(string source, params ReadOnlySpan<string> aliases)
    {
        var found = -1;
        for (var i = 0; i < Names.Count; i++)
        {
            foreach (var alias in aliases)
            {
                if (!string.Equals(Names[i], alias, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (found >= 0)
                {
                    throw new InvalidDataException(
                        $"{source}: line 1: the columns '{Names[found]}' and '{Names[i]}' both name the {aliases[0]} column; keep one.");
                }

                found = i;
            }
        }

        return found;
    }

    /// <summary>The header as one line, for error messages.</summary>
    public override string ToString() => string.Join(",", Names);
}
