using QuantPulse.Cli.Commands;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Databento;

namespace QuantPulse.Cli.Files;

/// <summary>A tick file read in batches: the replay CSV format, or DBN trades when the name ends in <c>.dbn</c>.</summary>
internal sealed class TickFile
{
    private readonly CsvTickSource? _csv;
    private readonly DbnFileSource? _dbn;

    private TickFile(CsvTickSource? csv, DbnFileSource? dbn)
    {
        _csv = csv;
        _dbn = dbn;
    }

    public TickSourceStatistics Statistics => _csv?.Statistics ?? _dbn!.Statistics;

    /// <summary>Whether <paramref name="path"/> names a DBN file (<c>.dbn</c>, any case).</summary>
    public static bool IsDbn(string path) => path.EndsWith(".dbn", StringComparison.OrdinalIgnoreCase);

    public static TickFile Open(string path, TickFileProblems problems) =>
        IsDbn(path) ? new(null, new DbnFileSource(path, problems.Add)) : new(new CsvTickSource(path, problems.SourceOptions), null);

    /// <exception cref="InvalidDataException">The file is unusable (a bad header, not a DBN file of trades, cut short).</exception>
    public int ReadBatch(Span<Tick> destination) => _csv?.ReadBatch(destination) ?? _dbn!.ReadBatch(destination);
}
