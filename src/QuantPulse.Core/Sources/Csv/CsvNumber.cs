using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace QuantPulse.Sources.Csv;

/// <summary>Exact, culture-invariant decimal parsing for CSV cells.</summary>
internal static class CsvNumber
{
    private const int MaxFastDigits = 19; // 10^19 - 1 fits in a ulong

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
