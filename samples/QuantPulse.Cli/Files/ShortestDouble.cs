using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantPulse.Cli.Files;

/// <summary>
/// Formats a <see cref="double"/> as UTF-8 exactly as <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// with the invariant culture writes it (the shortest text that reads back as the same double), without allocating
/// and, for the values indicators produce, several times faster.
/// </summary>
/// <remarks>
/// <para>
/// The fast path takes finite values with a magnitude in [2⁻⁸, 10¹⁵) whose significand is not a power of two: there
/// the runtime writes plain digits (no exponent) and the doubles that read back as the value are exactly those
/// closer to it than half a unit in the last place (ulp), on both sides. The value is <c>m·2⁻ˢ</c> with a 53-bit
/// <c>m</c> and <c>3 ≤ s ≤ 60</c>, so its integer part and its fraction (<c>F/2ˢ</c>) are exact 64-bit integers
/// and each further decimal of the fraction is one multiplication by 10. After <c>j</c> decimals the rest is
/// <c>F/2ˢ</c> units of <c>10⁻ʲ</c>; the nearest <c>j</c>-decimal number reads back as the value exactly when its
/// distance, <c>F</c> or <c>2ˢ − F</c> in those units, is below half an ulp: <c>2·F &lt; 10ʲ</c> or
/// <c>2·(2ˢ − F) &lt; 10ʲ</c>. The first <c>j</c> for which that holds gives the shortest text, and the nearest
/// such number is the one the runtime picks. An integer value is written as its digits.
/// </para>
/// <para>
/// Everything else goes to the runtime: zero and negative zero, NaN, infinities, magnitudes outside the range
/// (which the runtime may write with an exponent), powers of two (their lower neighbour is half as far), and the
/// cases the rule above cannot decide on its own: a rest of exactly half a unit (two nearest numbers), a distance
/// of exactly half an ulp (a tie the reader breaks to even), more than 17 significant digits. The property tests
/// compare both paths with the runtime over millions of values.
/// </para>
/// </remarks>
internal static class ShortestDouble
{
    /// <summary>
    /// The room <see cref="Format"/> needs: any double the runtime writes takes at most 24 bytes
    /// ("-1.2345678901234567E-308"); the fast path's eight-byte stores reach at most 26.
    /// </summary>
    public const int MaxLength = 32;

    private const double Lowest = 1.0 / 256; // 2^-8: s ≤ 60, so F·10 fits in 64 bits
    private const double Limit = 1e15;       // from 10^15 the runtime writes an exponent
    private const int MaxSignificantDigits = 17;
    private const ulong SignificandMask = (1UL << 52) - 1;

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>For each shift from 0 to 60, the fewest decimals j with 10^j &gt; 2^shift.</summary>
    internal static ReadOnlySpan<byte> GuaranteedDecimals =>
    [
        1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 10, 11, 11,
        11, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
    ];

    // "00", "01", ... "99".
    private static ReadOnlySpan<byte> DigitPairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> as the runtime does with the invariant culture.</summary>
    /// <param name="value">Any double.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(double value, Span<byte> destination)
    {
        var written = destination.Length >= MaxLength ? FormatFast(value, ref MemoryMarshal.GetReference(destination)) : 0;
        return written > 0 ? written : FormatByRuntime(value, destination);
    }

    /// <summary>The fast path alone (see the remarks): false, with nothing meaningful written, for values it leaves to the runtime.</summary>
    internal static bool TryFormatFast(double value, Span<byte> destination, out int written)
    {
        written = destination.Length >= MaxLength ? FormatFast(value, ref MemoryMarshal.GetReference(destination)) : 0;
        return written > 0;
    }

    // Kept out of Format, whose frame stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FormatByRuntime(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    // The fast path into at least MaxLength bytes: the bytes written, or 0 for a value left to the runtime.
    private static int FormatFast(double value, ref byte destination)
    {
        var magnitude = Math.Abs(value);
        var bits = BitConverter.DoubleToUInt64Bits(value);
        if (!(magnitude is >= Lowest and < Limit) || (bits & SignificandMask) == 0)
        {
            return 0;
        }

        var shift = 1075 - (int)((bits >> 52) & 0x7FF); // value = significand · 2^-shift, 3 ≤ shift ≤ 60
        var significand = (bits & SignificandMask) | (1UL << 52);
        var integer = significand >> shift;
        var fraction = significand & ((1UL << shift) - 1);

        var integerDigits = integer == 0 ? 0 : Digits(integer);
        if (fraction == 0)
        {
            return WriteSlowly(value < 0, integer, integerDigits, 0, 0, ref destination);
        }

        // The shortest j: from the first j at which a j-decimal number is always within half an ulp (10^j > 2^shift)
        // down while the nearest j-decimal number still is; the distance only grows as j shrinks. It is mostly that
        // first j or the one before, so the one before is tried first; when it fails, the first j's split follows
        // from its split without another product.
        var j = (int)GuaranteedDecimals[shift];
        ulong candidate;
        bool tie;
        if (j == 1)
        {
            Split(fraction, shift, j, out var units, out var rest);
            if (!Nearest(units, rest, shift, j, out candidate, out tie))
            {
                return 0;
            }
        }
        else
        {
            Split(fraction, shift, j - 1, out var units, out var rest);
            if (Nearest(units, rest, shift, j - 1, out candidate, out tie))
            {
                for (j--; j > 1; j--)
                {
                    Split(fraction, shift, j - 1, out units, out rest);
                    if (!Nearest(units, rest, shift, j - 1, out var shorter, out var shorterTie))
                    {
                        if (shorterTie)
                        {
                            return 0; // exactly half an ulp away: the reader's tie-breaking decides
                        }

                        break;
                    }

                    candidate = shorter;
                    tie = shorterTie;
                }
            }
            else if (tie)
            {
                return 0; // one less is exactly half an ulp away: the reader's tie-breaking decides
            }
            else
            {
                // fraction·10^j = (units·2^shift + rest)·10, and rest·10 < 2^64 (rest < 2^shift ≤ 2^60).
                var tenRests = rest * 10;
                if (!Nearest((units * 10) + (tenRests >> shift), tenRests & ((1UL << shift) - 1), shift, j, out candidate, out tie))
                {
                    return 0;
                }
            }
        }

        var significant = integerDigits > 0 ? integerDigits + j : Digits(candidate);
        if (tie || candidate >= PowersOf10[j] || significant > MaxSignificantDigits)
        {
            return 0; // two nearest numbers, a carry into the integer part, or more digits than the runtime writes
        }

        return BitConverter.IsLittleEndian && integer < 100_000_000 && j <= 16
            ? Write(value < 0, integer, integerDigits, candidate, j, ref destination)
            : WriteSlowly(value < 0, integer, integerDigits, candidate, j, ref destination);
    }

    // Writes the sign, the integer part (below 10^8), the point and the j decimals of candidate (1 ≤ j ≤ 16, leading
    // zeros included) with eight-byte stores of eight digits each (Ascii8), shifted so that the digits wanted come
    // first; each store's bytes after them are written over by the next store or by whatever follows the number.
    private static int Write(bool negative, ulong integer, int integerDigits, ulong candidate, int j, ref byte first)
    {
        var pos = negative ? 1 : 0;
        first = (byte)'-'; // kept for a negative value, written over by the first digit otherwise
        var shown = Math.Max(integerDigits, 1); // "0" for no integer part
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref first, pos), Ascii8((uint)integer) >> (8 * (8 - shown)));
        pos += shown;
        Unsafe.Add(ref first, pos++) = (byte)'.';
        var high = candidate / 100_000_000;
        var low = Ascii8((uint)(candidate - (high * 100_000_000)));
        if (j > 8)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref first, pos), Ascii8((uint)high) >> (8 * (16 - j)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref first, pos + j - 8), low);
        }
        else
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref first, pos), low >> (8 * (8 - j)));
        }

        return pos + j;
    }

    // The eight digits of value (below 10^8, leading zeros included) as ASCII in one little-endian word, the first
    // digit in the lowest byte: split into two four-digit lanes, each into two two-digit lanes, each into digits,
    // every lane divided at once by a multiplication and a shift (x·10486 >> 20 is x / 100 below 43 699, x·103 >> 10
    // is x / 10 below 179, and no lane's product reaches the next lane).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Ascii8(uint value)
    {
        var upper = value / 10_000;
        var lanes = upper | ((ulong)(value - (upper * 10_000)) << 32);
        var quotients = ((lanes * 10486) >> 20) & 0x0000_007F_0000_007FUL;
        lanes = quotients | ((lanes - (quotients * 100)) << 16);
        quotients = ((lanes * 103) >> 10) & 0x000F_000F_000F_000FUL;
        lanes = quotients | ((lanes - (quotients * 10)) << 8);
        return lanes + 0x3030_3030_3030_3030UL;
    }

    // Write for any j (up to 19 decimals), a digit pair at a time.
    private static int WriteSlowly(bool negative, ulong integer, int integerDigits, ulong candidate, int j, ref byte first)
    {
        var pos = 0;
        if (negative)
        {
            first = (byte)'-';
            pos++;
        }

        if (integer == 0)
        {
            Unsafe.Add(ref first, pos++) = (byte)'0';
        }
        else
        {
            WriteDigits(integer, ref Unsafe.Add(ref first, pos), integerDigits);
            pos += integerDigits;
        }

        if (j == 0)
        {
            return pos;
        }

        Unsafe.Add(ref first, pos++) = (byte)'.';
        WriteDigits(candidate, ref Unsafe.Add(ref first, pos), j);
        return pos + j;
    }

    // fraction / 2^shift in units of 10^-j: fraction·10^j split at bit `shift` into whole units and the rest.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(ulong fraction, int shift, int j, out ulong units, out ulong rest)
    {
        var product = Math.BigMul(fraction, PowersOf10[j]);
        var low = (ulong)product;
        units = ((ulong)(product >> 64) << (64 - shift)) | (low >> shift);
        rest = low & ((1UL << shift) - 1);
    }

    // The j-decimal number nearest to the value's fraction (given split into units of 10^-j and the rest, in units
    // of 2^-shift·10^-j), as a count of 10^-j, and whether it reads back as the value: its distance is below half
    // an ulp (10^j / 2 in those units). `halfway` reports the cases the rule cannot decide: the value exactly
    // between two such numbers, or the distance exactly half an ulp.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Nearest(ulong units, ulong rest, int shift, int j, out ulong nearest, out bool halfway)
    {
        // Without branches (which way it rounds is as good as random): up is 1 when rest ≥ half (both below 2^60).
        var half = 1UL << (shift - 1);
        var up = ~(rest - half) >> 63;
        var distance = rest ^ ((rest ^ ((1UL << shift) - rest)) & (0 - up));
        nearest = units + up;
        var unit = PowersOf10[j];
        halfway = (rest == half) | (2 * distance == unit);
        return 2 * distance <= unit;
    }

    // The number of decimal digits of a value from 1 to below 10^19: log10 from log2 (1233/4096 ≈ log10 2), then
    // one comparison.
    private static int Digits(ulong value)
    {
        var estimate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return estimate + (value >= PowersOf10[estimate] ? 1 : 0);
    }

    // Writes value (below 10^count, count ≤ 19) as exactly count digits, leading zeros included: eight-digit blocks
    // from the right (each in 32-bit arithmetic, as two independent halves), then what is left two at a time.
    private static void WriteDigits(ulong value, ref byte destination, int count)
    {
        while (count > 8)
        {
            var high = value / 100_000_000;
            Write8((uint)(value - (high * 100_000_000)), ref Unsafe.Add(ref destination, count - 8));
            value = high;
            count -= 8;
        }

        var rest = (uint)value;
        for (; count >= 2; count -= 2)
        {
            var next = rest / 100;
            WritePair(rest - (next * 100), ref Unsafe.Add(ref destination, count - 2));
            rest = next;
        }

        if (count == 1)
        {
            destination = (byte)('0' + rest);
        }
    }

    // Writes value (below 10^8) as eight digits, as two independent halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write8(uint value, ref byte destination)
    {
        var upper = value / 10_000;
        Write4(upper, ref destination);
        Write4(value - (upper * 10_000), ref Unsafe.Add(ref destination, 4));
    }

    // Writes value (below 10 000) as four digits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write4(uint value, ref byte destination)
    {
        var high = value / 100;
        WritePair(high, ref destination);
        WritePair(value - (high * 100), ref Unsafe.Add(ref destination, 2));
    }

    // Writes value (below 100) as two digits, one two-byte store.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(uint value, ref byte destination) =>
        Unsafe.WriteUnaligned(ref destination, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(DigitPairs), (int)value * 2)));
}
