using QuantPulse.Cli.Commands;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Databento;

namespace QuantPulse.Cli.Files;

/// <summary>
/// A tick file read in batches: the replay CSV format, or DBN trades (uncompressed or zstd-compressed) when the name
/// ends in <c>.dbn</c>, <c>.dbn.zst</c> or <c>.zst</c>, or the first bytes are DBN's or a zstd frame's.
/// </summary>
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

    /// <summary>The source that reads the file (in batches, through <see cref="ReadBatch"/>).</summary>
    public ITickSource Source => _csv is not null ? _csv : _dbn!;

    /// <summary>Whether <paramref name="path"/> is a DBN file, by its name (any case) or its first bytes.</summary>
    public static bool IsDbn(string path)
    {
        if (path.EndsWith(".dbn", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> start = stackalloc byte[4];
            return DbnReader.Recognizes(start[..file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The CSV reader opens it again and reports the problem.
            return false;
        }
    }

    public static TickFile Open(string path, TickFileProblems problems)
    {
        if (!IsDbn(path))
        {
            return Csv(path, problems);
        }

        problems.RejectedItem = "unusable record";
        return new(null, new DbnFileSource(path, problems.Add));
    }

    /// <summary>A tick file read as CSV whatever its name and content.</summary>
    public static TickFile Csv(string path, TickFileProblems problems) => new(new CsvTickSource(path, problems.SourceOptions), null);

    /// <exception cref="InvalidDataException">The file is unusable (a bad header, not a DBN file of trades, cut short).</exception>
    public int ReadBatch(Span<Tick> destination) => _csv?.ReadBatch(destination) ?? _dbn!.ReadBatch(destination);
}
