using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Sources;

/// <summary>
/// Writes ticks in the replay format: a header <c>time,symbol,price,size</c>, then one line per tick with the time in
/// ISO-8601 UTC (<c>2025-04-26T13:52:10.25Z</c>: as many fractional digits as the time needs, so it reads back to the
/// same instant), the symbol, and price and size exactly as their <see cref="decimal"/> values print.
/// </summary>
/// <remarks>Writing a tick allocates nothing: every field is formatted into a stack buffer.</remarks>
internal static class ReplayFormat
{
    public const string Header = "time,symbol,price,size";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static void WriteHeader(TextWriter writer) => writer.WriteLine(Header);

    public static void WriteTick(TextWriter writer, in Tick tick)
    {
        Span<char> buffer = stackalloc char[64];
        Write(writer, buffer, tick.Time.UtcDateTime, TimeFormat);
        writer.Write(',');
        WriteSymbol(writer, tick.Symbol);
        writer.Write(',');
        Write(writer, buffer, tick.Price, default);
        writer.Write(',');
        Write(writer, buffer, tick.Size, default);
        writer.WriteLine();
    }

    private static void Write<T>(TextWriter writer, Span<char> buffer, T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        if (!value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"The value {value} does not fit the replay format's field buffer.");
        }

        writer.Write(buffer[..written]);
    }

    /// <summary>Symbols are plain in practice; one with a comma, quote or line break is quoted as CSV requires.</summary>
    private static void WriteSymbol(TextWriter writer, string symbol)
    {
        if (symbol.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(symbol);
            return;
        }

        writer.Write('"');
        writer.Write(symbol.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
