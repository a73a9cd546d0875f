using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace QuantPulse.Sources.Csv;

/// <summary>Exact, culture-invariant decimal parsing for CSV cells.</summary>
internal static class CsvNumber
{
    private const int MaxFastDigits = 19; // 10^19 - 1 fits in a ulong
    private const ulong ExactMantissaLimit = 1_000_000_000_000_000; // 10^15: distinct decimals of 15 digits are distinct doubles
    private const int MaxExactScale = 22;  // 10^22 is the largest power of ten a double holds exactly

    private static readonly double[] ExactPowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses <c>[+|-]digits[.digits]</c> exactly, keeping the written scale (<c>1485.30</c> has two decimals);
    /// anything else (an exponent, more than 19 significant digits) goes through
    /// <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/> with the
    /// invariant culture. Thousands separators are not accepted.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        text = text.Trim();
        return TryParseFixed(text, out value) || TryParseSlow(text, out value);
    }

    /// <summary>
    /// The fixed-point fast path of <see cref="TryParse(ReadOnlySpan{char}, out decimal)"/> for UTF-16 or UTF-8 text
    /// without surrounding white space: <c>[+|-]digits[.digits]</c> with at most 19 significant digits and 28
    /// decimals, read into a 64-bit mantissa and the written scale. False for anything else, which the full parser
    /// may still accept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Generic over the code unit: not precompiled, see Code<T>.
    public static bool TryParseFixed<T>(ReadOnlySpan<T> text, out decimal value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        var pos = 0;
        var negative = ConsumeSign(text, ref pos);

        ulong mantissa = 0;
        var significant = 0;
        var digits = 0;
        var scale = -1; // -1 until the decimal point
        for (; pos < text.Length; pos++)
        {
            var c = text[pos];
            if (CsvTime.IsDigit(c, out var digit))
            {
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }

                if (mantissa == 0 && digit == 0)
                {
                    continue; // leading zeros are not significant
                }

                if (++significant > MaxFastDigits)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (uint)digit;
            }
            else if (CsvTime.Is(c, '.') && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || scale > 28)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>
    /// Parses UTF-8 <c>[+|-]digits[.digits]</c> (no surrounding white space) with at most 15 significant digits and
    /// 22 decimals straight to the <see cref="double"/> that <see cref="TryParseFixed{T}"/>'s <see cref="decimal"/>
    /// converts to: false for anything else, which the decimal parsers may still accept.
    /// </summary>
    /// <remarks>
    /// The runtime converts a decimal to double as its integer mantissa (as double) divided by 10^scale (as
    /// double). Below 15 significant digits and 22 decimals both are exact doubles, so the quotient is the exact
    /// value correctly rounded: computed here the same way, it is the same double bit for bit (the sign applied
    /// last, so <c>-0</c> gives negative zero as the decimal does). Two different numbers of at most 15 significant
    /// digits never round to the same double, and rounding is monotonic, so comparing the doubles orders them as
    /// their decimals.
    /// </remarks>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        var pos = 0;
        return TryParseDoublePrefix(text, ref pos, out value) && pos == text.Length;
    }

    /// <summary>
    /// <see cref="TryParseDouble"/> on the number that starts at <paramref name="pos"/> and ends at the first byte
    /// that cannot continue it (or the end of <paramref name="text"/>): <paramref name="pos"/> is moved there, and
    /// the caller checks what follows. For parsing a cell as the row is scanned, without finding its end first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDoublePrefix(ReadOnlySpan<byte> text, ref int pos, out double value)
    {
        value = 0;
        var negative = ConsumeSign(text, ref pos);

        // The integer digits, then the decimals, counting the digits from the first non-zero one (at most 19, so
        // the mantissa cannot overflow).
        ulong mantissa = 0;
        var significant = 0;
        var start = pos;
        for (uint digit; pos < text.Length && (digit = (uint)(text[pos] - '0')) <= 9; pos++)
        {
            mantissa = (mantissa * 10) + digit;
            significant += mantissa != 0 ? 1 : 0;
        }

        var digits = pos - start;
        var scale = 0;
        if (pos < text.Length && text[pos] == (byte)'.')
        {
            start = ++pos;
            for (uint digit; pos < text.Length && (digit = (uint)(text[pos] - '0')) <= 9; pos++)
            {
                mantissa = (mantissa * 10) + digit;
                significant += mantissa != 0 ? 1 : 0;
            }

            scale = pos - start;
            digits += scale;
        }

        // The mantissa is the significant digits, so below 10^15 means at most 15 of them.
        if (digits == 0 || significant > MaxFastDigits || mantissa >= ExactMantissaLimit || scale > MaxExactScale)
        {
            return false;
        }

        var magnitude = scale > 0 ? mantissa / ExactPowersOf10[scale] : mantissa;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>Skips a leading <c>+</c> or <c>-</c> at <paramref name="pos"/>; returns whether it was a minus.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ConsumeSign<T>(ReadOnlySpan<T> text, ref int pos)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (pos < text.Length && (CsvTime.Is(text[pos], '+') || CsvTime.Is(text[pos], '-')))
        {
            return CsvTime.Is(text[pos++], '-');
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> spells NaN or an infinity, as some feeds write.</summary>
    public static bool IsNonFinite(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            text = text[1..];
        }

        return text.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || text.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || text.Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || text.Equals("∞", StringComparison.Ordinal);
    }

    private static bool TryParseSlow(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
}
