using System.Globalization;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Databento;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// <c>quantpulse dbn</c>: converts a Databento DBN file to CSV: trades to the replay format (<c>time,symbol,price,size</c>),
/// OHLCV bars to the candle format of <c>quantpulse candles</c>.
/// </summary>
internal sealed class DbnCommand : ICliCommand
{
    private const string Input = "--input";
    private const string Output = "--output";

    public string Name => "dbn";

    public string Summary => "Convert a Databento DBN file (trades or OHLCV bars) to the replay or candle CSV format";

    public string Description =>
        "Reads DBN (Databento Binary Encoding, versions 2 and 3), plain or zstd-compressed (.dbn.zst, recognised by\n"
        + "its first bytes). A trades file becomes ticks in the replay format\n"
        + CsvTickWriter.Header + "\n"
        + "and an ohlcv-1s/1m/1h/1d file becomes candles as quantpulse candles writes them\n"
        + CsvCandleFormat.Header + "\n"
        + "(ticks is 0: DBN bars carry no trade count), in the file's order. Records with an undefined price or\n"
        + "time are skipped and counted on standard error.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Input, "PATH", "DBN file to read (.dbn, or zstd-compressed .dbn.zst)", Required: true),
        new(Output, "PATH", "File to write (replaced if it exists); - for standard output", "-"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var input = options.Value(Input)!;
        var outputPath = options.Value(Output) ?? OutputTarget.StandardOutput;
        InputFile.Check(Input, input, Output, outputPath);
        using var reader = DbnReader.Open(input);
        var schema = reader.Metadata.Schema;
        var bars = schema is "ohlcv-1s" or "ohlcv-1m" or "ohlcv-1h" or "ohlcv-1d";
        if (!bars && schema != "trades")
        {
            throw new InvalidDataException($"'{input}' holds {schema} records; quantpulse dbn converts trades and ohlcv-1s, -1m, -1h, -1d");
        }

        await using var output = OutputTarget.Open(outputPath, console, input);
        var problems = new Problems();
        long written;
        try
        {
            written = bars ? WriteBars(reader, output.Writer, problems, cancellationToken) : WriteTrades(reader, output.Writer, problems, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"cannot read '{input}': {ex.Message}", ex);
        }

        await output.CompleteAsync();
        var what = bars ? Words.Count(written, "candle") : Words.Count(written, "tick");
        await output.Summary.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"dbn: wrote {what} ({schema}, {reader.Metadata.Dataset}) from {Words.Count(reader.RecordCount, "record")} to {output.Description}"));
        if (problems.Count > 0)
        {
            await console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{CliApp.ToolName} {Name}: skipped {Words.Count(problems.Count, "unusable record")} (first: {problems.First})"));
        }

        return ExitCodes.Success;
    }

    private static long WriteTrades(DbnReader reader, TextWriter output, Problems problems, CancellationToken cancellationToken)
    {
        using var writer = new CsvTickWriter(output, leaveOpen: true);
        while (reader.Read(out var record))
        {
            if (record.Kind == DbnRecordKind.Trade)
            {
                writer.Write(record.Trade);
                if (writer.Count % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            else
            {
                problems.Add(record, reader.RecordCount);
            }
        }

        writer.Flush();
        return writer.Count;
    }

    private static long WriteBars(DbnReader reader, TextWriter output, Problems problems, CancellationToken cancellationToken)
    {
        output.Write(CsvCandleFormat.Header + "\n");
        long written = 0;
        while (reader.Read(out var record))
        {
            if (record.Kind == DbnRecordKind.Bar)
            {
                CsvCandleFormat.WriteRow(output, record.Bar!);
                if (++written % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            else
            {
                problems.Add(record, reader.RecordCount);
            }
        }

        return written;
    }

    /// <summary>Records that were not written: invalid ones are reported; those of other schemas are passed over silently.</summary>
    private sealed class Problems
    {
        public long Count { get; private set; }

        public string? First { get; private set; }

        public void Add(in DbnRecord record, long number)
        {
            if (record.Kind == DbnRecordKind.Invalid)
            {
                Count++;
                First ??= string.Create(CultureInfo.InvariantCulture, $"record {number}: {record.Text}");
            }
        }
    }
}
