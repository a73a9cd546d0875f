using System.Globalization;

namespace QuantPulse.Storage.Sqlite;

/// <summary>How instants and decimals are written to SQLite columns: exact, invariant text.</summary>
internal static class SqliteValues
{
    /// <summary>ISO-8601 UTC with six fraction digits: fixed width, so text order is time order.</summary>
    public const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static string Time(DateTimeOffset time) =>
        StorageTime.Truncate(time).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    /// <summary>Bytes of an instant in <see cref="TimeFormat"/>.</summary>
    public const int TimeLength = 27;

    /// <summary>
    /// Writes <see cref="Time(DateTimeOffset)"/>'s text as UTF-8 into <paramref name="destination"/> (at least
    /// <see cref="TimeLength"/> bytes) without allocating; returns the bytes written.
    /// </summary>
    public static int FormatTime(DateTimeOffset time, Span<byte> destination)
    {
        var utc = StorageTime.Truncate(time).UtcDateTime;
        var text = destination[..TimeLength];
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10));
        text[26] = (byte)'Z';
        return TimeLength;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Decimal(decimal? value) => value is { } v ? Decimal(v) : null;

    public static decimal ParseDecimal(string text) => decimal.Parse(text, DecimalStyle, CultureInfo.InvariantCulture);
}
