using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// One bar read by <see cref="CsvCandleRowReader.TryReadBar"/>: the parsed candle and the row's text, without a
/// string per cell. Valid until the next read.
/// </summary>
/// <remarks>
/// A row without quotes or carriage returns is handed out as its UTF-8 <see cref="Text"/>: its cells joined by
/// commas, each exactly as <see cref="CsvCandleRow.Cells"/> would hold it. Any other row comes with its
/// <see cref="Cells"/> instead.
/// </remarks>
public readonly ref struct CsvCandleBar
{
    internal CsvCandleBar(long lineNumber, Candle candle, ReadOnlySpan<byte> text, IReadOnlyList<string>? cells)
    {
        LineNumber = lineNumber;
        Candle = candle;
        Text = text;
        Cells = cells;
    }

    /// <summary>The 1-based line of the row in the file (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>The parsed bar, as <see cref="CsvCandleRow.Candle"/>.</summary>
    public Candle Candle { get; }

    /// <summary>The row's UTF-8 text (without its line end) when <see cref="Cells"/> is null.</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>The text of every cell (quotes removed from quoted cells) when the row is not handed out as <see cref="Text"/>.</summary>
    public IReadOnlyList<string>? Cells { get; }
}
