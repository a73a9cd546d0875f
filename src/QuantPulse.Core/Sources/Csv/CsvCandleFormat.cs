using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Sources.Csv;

/// <summary>
/// The candle CSV format: <c>symbol,timeframe,open_time,open,high,low,close,volume,ticks</c>, one closed candle per
/// line, <c>\n</c> line ends, open times as <c>yyyy-MM-ddTHH:mm:ssZ</c>, decimals exactly as they are.
/// </summary>
/// <remarks>
/// A text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading
/// apostrophe, so a spreadsheet opening the file shows the text instead of running it as a formula; a cell holding a
/// comma, quote or line break is quoted. Thread-safe (stateless).
/// </remarks>
public static class CsvCandleFormat
{
    /// <summary>The header line (without its line end).</summary>
    public const string Header = "symbol,timeframe,open_time,open,high,low,close,volume,ticks";

    /// <summary>Writes one candle as a line.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="candle">The candle.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="candle"/> is null.</exception>
    public static void WriteRow(TextWriter writer, Candle candle)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(candle);
        WriteText(writer, candle.Symbol);
        writer.Write(',');
        writer.Write(candle.Timeframe.Name);
        writer.Write(',');
        writer.Write(candle.OpenTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var value in (ReadOnlySpan<decimal>)[candle.Open, candle.High, candle.Low, candle.Close, candle.Volume])
        {
            // Decimals print with the scale they carry: prices as written in the input, the volume as the exact sum.
            writer.Write(',');
            writer.Write(value.ToString(CultureInfo.InvariantCulture));
        }

        writer.Write(',');
        writer.Write(candle.TickCount.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
    }

    /// <summary>Writes a text cell, escaped against formula injection and quoted when needed.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="cell">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="cell"/> is null.</exception>
    public static void WriteText(TextWriter writer, string cell)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(cell);
            return;
        }

        writer.Write('"');
        writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
