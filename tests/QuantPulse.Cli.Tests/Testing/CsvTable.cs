namespace QuantPulse.Cli.Tests.Testing;

/// <summary>A CSV output read back by plain splitting on commas (for files whose cells hold no commas).</summary>
public sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Parse(IReadOnlyList<string> lines)
    {
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        return new CsvTable(header, rows);
    }

    /// <summary>The cells of the column named <paramref name="name"/>, top to bottom.</summary>
    public IReadOnlyList<string> Column(string name)
    {
        var index = Header.ToList().IndexOf(name);
        Assert.True(index >= 0, $"no column '{name}' in {string.Join(',', Header)}");
        return [.. Rows.Select(r => r[index])];
    }
}
