using System.Numerics;
using System.Runtime.CompilerServices;

namespace QuantPulse.Sources.Csv;

/// <summary>The timestamp grammar of QuantPulse's CSV files: parsing and the writer's canonical form.</summary>
/// <remarks>
/// <para>Accepted, surrounding white space ignored:</para>
/// <list type="bullet">
/// <item>ISO-8601 <c>yyyy-MM-dd</c>, optionally followed by <c>T</c> or a space, <c>HH:mm</c>, optional <c>:ss</c>,
/// an optional fraction (<c>.</c> and 1–9 digits; digits beyond 100 ns are dropped) and an optional zone
/// (<c>Z</c>, <c>±HH:mm</c>, <c>±HHmm</c> or <c>±HH</c>). Without a zone the time is UTC.</item>
/// <item>A Unix time: an optionally signed decimal number of seconds, or of milliseconds when its absolute value
/// is at least 10^11 (<see cref="MillisecondThreshold"/>). 10^11 seconds lies in the year 5138 and 10^11
/// milliseconds in 1973, so neither unit is mistaken for the other within 1973–5138. A fraction is allowed
/// (digits beyond 100 ns are dropped).</item>
/// </list>
/// </remarks>
internal static class CsvTime
{
    /// <summary>A Unix time whose absolute value is at least this is in milliseconds, below it in seconds.</summary>
    public const long MillisecondThreshold = 100_000_000_000;

    /// <summary>The longest text <see cref="Format"/> writes.</summary>
    public const int MaxFormattedLength = 28;

    /// <summary>A short description of the accepted forms, for error messages.</summary>
    public const string Expected = "an ISO-8601 time or Unix seconds/milliseconds";

    private static readonly long MinTicks = DateTime.MinValue.Ticks;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    /// <summary>The length of the <c>yyyy-MM-ddTHH</c> prefix of an ISO time that <see cref="TryParseIsoHour{T}"/> reads.</summary>
    public const int IsoHourLength = 13;

    /// <summary>Parses a timestamp into UTC.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset utc)
    {
        var ok = TryParseTrimmed(text.Trim(), out var ticks);
        utc = ok ? new DateTimeOffset(ticks, TimeSpan.Zero) : default;
        return ok;
    }

    /// <summary>Parses a timestamp without surrounding white space (UTF-16 or UTF-8) into UTC ticks.</summary>
    public static bool TryParseTrimmed<T>(ReadOnlySpan<T> text, out long ticks)
        where T : unmanaged, IBinaryInteger<T> =>
        text.Length >= 10 && Is(text[4], '-') ? TryParseIso(text, out ticks) : TryParseUnix(text, out ticks);

    /// <summary>
    /// Reads the <c>yyyy-MM-ddTHH</c> prefix of an ISO time (<see cref="IsoHourLength"/> elements, <c>T</c>, <c>t</c>
    /// or a space between date and hour): the UTC ticks of the start of that hour before any zone offset. A row
    /// whose prefix equals the previous row's can reuse the result with <see cref="TryParseIsoAfterHour{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Generic over the code unit: not precompiled, see Code<T>.
    public static bool TryParseIsoHour<T>(ReadOnlySpan<T> s, out long hourTicks)
        where T : unmanaged, IBinaryInteger<T>
    {
        hourTicks = 0;
        if (!TryParseDate(s, out var date) || s.Length < IsoHourLength
            || !(Is(s[10], 'T') || Is(s[10], 't') || Is(s[10], ' ')) || !TryDigits(s, 11, 2, out var hour) || hour > 23)
        {
            return false;
        }

        hourTicks = date + (hour * TimeSpan.TicksPerHour);
        return true;
    }

    /// <summary>
    /// Reads the rest of an ISO time after its <c>yyyy-MM-ddTHH</c> prefix (<c>:mm</c>, optional seconds, fraction
    /// and zone), given the prefix's <paramref name="hourTicks"/> from <see cref="TryParseIsoHour{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Generic over the code unit: not precompiled, see Code<T>.
    public static bool TryParseIsoAfterHour<T>(ReadOnlySpan<T> s, long hourTicks, out long ticks)
        where T : unmanaged, IBinaryInteger<T>
    {
        ticks = 0;
        if (s.Length < 16 || !Is(s[13], ':') || !TryDigits(s, 14, 2, out var minute) || minute > 59)
        {
            return false;
        }

        var timeOfDay = minute * TimeSpan.TicksPerMinute;
        var pos = 16;
        if (pos < s.Length && Is(s[pos], ':'))
        {
            if (!TryDigits(s, 17, 2, out var second) || second > 59)
            {
                return false;
            }

            timeOfDay += second * TimeSpan.TicksPerSecond;
            pos = 19;
            if (pos < s.Length && Is(s[pos], '.'))
            {
                pos++;
                var start = pos;
                timeOfDay += ReadFraction(s, ref pos, 7);
                if (pos == start)
                {
                    return false;
                }
            }
        }

        if (!TryParseZone(s[pos..], out var offset))
        {
            return false;
        }

        ticks = hourTicks + timeOfDay - offset;
        return ticks >= MinTicks && ticks <= MaxTicks;
    }

    /// <summary>
    /// Writes <paramref name="time"/> in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>, with a fraction of 3, 6 or 7 digits
    /// only when needed to round-trip exactly.
    /// </summary>
    /// <returns>The number of characters written (at most <see cref="MaxFormattedLength"/>).</returns>
    public static int Format(DateTimeOffset time, Span<char> destination)
    {
        var utc = time.UtcDateTime;
        WriteDigits(destination[..4], utc.Year);
        destination[4] = '-';
        WriteDigits(destination.Slice(5, 2), utc.Month);
        destination[7] = '-';
        WriteDigits(destination.Slice(8, 2), utc.Day);
        destination[10] = 'T';
        WriteDigits(destination.Slice(11, 2), utc.Hour);
        destination[13] = ':';
        WriteDigits(destination.Slice(14, 2), utc.Minute);
        destination[16] = ':';
        WriteDigits(destination.Slice(17, 2), utc.Second);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            destination[length++] = '.';
            if (fraction % 10_000 == 0)
            {
                WriteDigits(destination.Slice(length, 3), fraction / 10_000);
                length += 3;
            }
            else if (fraction % 10 == 0)
            {
                WriteDigits(destination.Slice(length, 6), fraction / 10);
                length += 6;
            }
            else
            {
                WriteDigits(destination.Slice(length, 7), fraction);
                length += 7;
            }
        }

        destination[length++] = 'Z';
        return length;
    }

    private static bool TryParseIso<T>(ReadOnlySpan<T> s, out long ticks)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (s.Length == 10)
        {
            return TryParseDate(s, out ticks);
        }

        ticks = 0;
        return TryParseIsoHour(s, out var hour) && TryParseIsoAfterHour(s, hour, out ticks);
    }

    private static bool TryParseDate<T>(ReadOnlySpan<T> s, out long ticks)
        where T : unmanaged, IBinaryInteger<T>
    {
        ticks = 0;
        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !Is(s[7], '-')
            || !TryDigits(s, 8, 2, out var day) || year < 1 || month is < 1 or > 12
            || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        ticks = new DateTime(year, month, day).Ticks;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Generic over the code unit: not precompiled, see Code<T>.
    private static bool TryParseZone<T>(ReadOnlySpan<T> zone, out long offset)
        where T : unmanaged, IBinaryInteger<T>
    {
        offset = 0;
        if (zone.IsEmpty || (zone.Length == 1 && (Is(zone[0], 'Z') || Is(zone[0], 'z'))))
        {
            return true;
        }

        if (!(Is(zone[0], '+') || Is(zone[0], '-')) || !TryDigits(zone, 1, 2, out var hours) || hours > 14)
        {
            return false;
        }

        var minutes = 0;
        var rest = zone[3..];
        if (!rest.IsEmpty)
        {
            if (Is(rest[0], ':'))
            {
                rest = rest[1..];
            }

            if (rest.Length != 2 || !TryDigits(rest, 0, 2, out minutes) || minutes > 59)
            {
                return false;
            }
        }

        offset = (hours * TimeSpan.TicksPerHour) + (minutes * TimeSpan.TicksPerMinute);
        if (Is(zone[0], '-'))
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryParseUnix<T>(ReadOnlySpan<T> s, out long ticks)
        where T : unmanaged, IBinaryInteger<T>
    {
        ticks = 0;
        var pos = 0;
        var negative = CsvNumber.ConsumeSign(s, ref pos);

        long whole = 0;
        var digits = 0;
        while (pos < s.Length && IsDigit(s[pos], out var digit))
        {
            if (whole > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            whole = (whole * 10) + digit;
            pos++;
            digits++;
        }

        var milliseconds = whole >= MillisecondThreshold;
        var unit = milliseconds ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerSecond;
        long fraction = 0;
        if (pos < s.Length && Is(s[pos], '.'))
        {
            pos++;
            var start = pos;
            fraction = ReadFraction(s, ref pos, milliseconds ? 4 : 7);
            digits += pos - start;
        }

        if (digits == 0 || pos != s.Length || whole > (MaxTicks / unit) + 1)
        {
            return false;
        }

        var offset = (whole * unit) + fraction;
        ticks = DateTimeOffset.UnixEpoch.UtcTicks + (negative ? -offset : offset);
        return ticks >= MinTicks && ticks <= MaxTicks;
    }

    // Reads a run of digits as a fraction with `precision` digits kept (the rest dropped); returns it in those units.
    private static long ReadFraction<T>(ReadOnlySpan<T> s, ref int pos, int precision)
        where T : unmanaged, IBinaryInteger<T>
    {
        long value = 0;
        var kept = 0;
        while (pos < s.Length && IsDigit(s[pos], out var digit))
        {
            if (kept < precision)
            {
                value = (value * 10) + digit;
                kept++;
            }

            pos++;
        }

        for (; kept < precision; kept++)
        {
            value *= 10;
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits<T>(ReadOnlySpan<T> s, int start, int count, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i], out var digit))
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Whether the UTF-16 or UTF-8 code unit <paramref name="c"/> is the ASCII character <paramref name="ascii"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Is<T>(T c, char ascii)
        where T : unmanaged, IBinaryInteger<T> => Code(c) == ascii;

    /// <summary>Whether <paramref name="c"/> is an ASCII digit, and its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit<T>(T c, out int digit)
        where T : unmanaged, IBinaryInteger<T>
    {
        digit = (int)(Code(c) - '0');
        return (uint)digit <= 9;
    }

    /// <summary>The value of a UTF-8 or UTF-16 code unit.</summary>
    /// <remarks>
    /// Read by reinterpreting the unit rather than through <see cref="IBinaryInteger{TSelf}"/>'s static members:
    /// ReadyToRun cannot precompile a call to a static interface member of <see cref="byte"/> or <see cref="char"/>
    /// (they belong to another assembly), so every parser method using one would start in the JIT instead.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Code<T>(T c)
        where T : unmanaged, IBinaryInteger<T> =>
        Unsafe.SizeOf<T>() == sizeof(byte) ? Unsafe.As<T, byte>(ref c) : Unsafe.As<T, char>(ref c);

    /// <summary>The code unit of the ASCII character <paramref name="ascii"/> (the counterpart of <see cref="Code{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Unit<T>(char ascii)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (Unsafe.SizeOf<T>() == sizeof(byte))
        {
            var unit = (byte)ascii;
            return Unsafe.As<byte, T>(ref unit);
        }

        return Unsafe.As<char, T>(ref ascii);
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
