using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>One bar read by <see cref="CsvCandleReader"/>: the cells as written, and the parsed candle.</summary>
/// <remarks>
/// The candle is closed, opens at the row's time (as written, not rounded to a bucket) and carries the file's
/// timeframe, or the default <see cref="Model.Timeframe"/> (whose <see cref="Model.Timeframe.IsValid"/> is false)
/// when the timeframe is unknown. A bar from a file has no tick count; it counts as one observation
/// (<see cref="Candle.TickCount"/> 1), so it is never taken for a gap fill. Volume is zero without a volume column.
/// </remarks>
public sealed class CsvCandleRow
{
    internal CsvCandleRow(long lineNumber, IReadOnlyList<string> cells, Candle candle)
    {
        LineNumber = lineNumber;
        Cells = cells;
        Candle = candle;
    }

    /// <summary>The 1-based line of the row in the file (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>The text of every cell, one per header column, unchanged (quotes removed from quoted cells).</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>The parsed bar.</summary>
    public Candle Candle { get; }
}
