using System.Globalization;
using System.Runtime.CompilerServices;

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
    /// <summary>Room for any double the runtime writes ("-1.2345678901234567E-308" is 24 bytes).</summary>
    public const int MaxLength = 32;

    private const double Lowest = 1.0 / 256; // 2^-8: s ≤ 60, so F·10 fits in 64 bits
    private const double Limit = 1e15;       // from 10^15 the runtime writes an exponent
    private const int MaxSignificantDigits = 17;
    private const ulong SignificandMask = (1UL << 52) - 1;

    private static readonly ulong[] PowersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    private static readonly byte[] GuaranteedDecimals = Guaranteed();

    // "00", "01", ... "99".
    private static ReadOnlySpan<byte> DigitPairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> as the runtime does with the invariant culture.</summary>
    /// <param name="value">Any double.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(double value, Span<byte> destination)
    {
        if (TryFormatFast(value, destination, out var written))
        {
            return written;
        }

        value.TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>The fast path alone (see the remarks): false, with nothing meaningful written, for values it leaves to the runtime.</summary>
    internal static bool TryFormatFast(double value, Span<byte> destination, out int written)
    {
        written = 0;
        var magnitude = Math.Abs(value);
        var bits = BitConverter.DoubleToUInt64Bits(value);
        if (!(magnitude is >= Lowest and < Limit) || (bits & SignificandMask) == 0 || destination.Length < MaxLength)
        {
            return false;
        }

        var shift = 1075 - (int)((bits >> 52) & 0x7FF); // value = significand · 2^-shift, 3 ≤ shift ≤ 60
        var significand = (bits & SignificandMask) | (1UL << 52);
        var integer = significand >> shift;
        var mask = (1UL << shift) - 1;
        var fraction = significand & mask;

        var pos = 0;
        if (value < 0)
        {
            destination[pos++] = (byte)'-';
        }

        var integerDigits = integer == 0 ? 0 : WriteDigits(integer, destination[pos..], Digits(integer));
        pos += Math.Max(integerDigits, 1);
        if (integer == 0)
        {
            destination[pos - 1] = (byte)'0';
        }

        if (fraction == 0)
        {
            written = pos;
            return true;
        }

        // The shortest j: from the first j at which a j-decimal number is always within half an ulp (10^j > 2^shift)
        // down while the nearest j-decimal number still is; the distance only grows as j shrinks. It is mostly that
        // first j or the one before, so the one before is tried first.
        var j = (int)GuaranteedDecimals[shift];
        var candidate = 0UL;
        var tie = false;
        if (j > 1 && Nearest(fraction, shift, j - 1, out candidate, out tie))
        {
            j--;
        }
        else if (tie || !Nearest(fraction, shift, j, out candidate, out tie))
        {
            return false; // one less is exactly half an ulp away: the reader's tie-breaking decides
        }

        for (; j > 1; j--)
        {
            if (!Nearest(fraction, shift, j - 1, out var shorter, out var shorterTie))
            {
                if (shorterTie)
                {
                    return false; // exactly half an ulp away: the reader's tie-breaking decides
                }

                break;
            }

            candidate = shorter;
            tie = shorterTie;
        }

        var significant = integerDigits > 0 ? integerDigits + j : Digits(candidate);
        if (tie || candidate >= PowersOf10[j] || significant > MaxSignificantDigits)
        {
            return false; // two nearest numbers, a carry into the integer part, or more digits than the runtime writes
        }

        destination[pos++] = (byte)'.';
        WriteDigits(candidate, destination[pos..], j);
        written = pos + j;
        return true;
    }

    // The j-decimal number nearest to fraction / 2^shift, as an integer count of 10^-j (one 64×64-bit product:
    // fraction·10^j split at bit `shift` into those units and the rest), and whether it reads back as the value:
    // its distance, in units of 2^-shift·10^-j, is below half an ulp (10^j / 2). `halfway` reports the cases the
    // rule cannot decide: the value exactly between two such numbers, or the distance exactly half an ulp.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Nearest(ulong fraction, int shift, int j, out ulong nearest, out bool halfway)
    {
        var high = Math.BigMul(fraction, PowersOf10[j], out var low);
        var units = (high << (64 - shift)) | (low >> shift);
        var rest = low & ((1UL << shift) - 1);
        var half = 1UL << (shift - 1);
        var down = rest < half;
        var distance = down ? rest : (1UL << shift) - rest;
        nearest = down ? units : units + 1;
        var unit = PowersOf10[j];
        halfway = rest == half || 2 * distance == unit;
        return 2 * distance <= unit;
    }

    // For each shift, the fewest decimals j with 10^j > 2^shift.
    private static byte[] Guaranteed()
    {
        var table = new byte[61];
        for (var shift = 0; shift < table.Length; shift++)
        {
            var j = 0;
            while (j < PowersOf10.Length - 1 && PowersOf10[j] <= 1UL << shift)
            {
                j++;
            }

            table[shift] = (byte)j;
        }

        return table;
    }

    // The number of decimal digits of a positive value below 10^19.
    private static int Digits(ulong value)
    {
        var digits = 1;
        while (digits < PowersOf10.Length && value >= PowersOf10[digits])
        {
            digits++;
        }

        return digits;
    }

    // Writes value (below 10^count) as exactly count digits, leading zeros included, two at a time; returns count.
    // The low eight digits of a longer value are split off first, so that each part is 32-bit arithmetic.
    private static int WriteDigits(ulong value, Span<byte> destination, int count)
    {
        if (count > 8)
        {
            var high = value / 100_000_000;
            WriteDigits32((uint)(value - (high * 100_000_000)), destination.Slice(count - 8, 8));
            return WriteDigits(high, destination, count - 8) + 8;
        }

        WriteDigits32((uint)value, destination[..count]);
        return count;
    }

    // Writes value (below 10^destination.Length) as exactly destination.Length digits, two at a time.
    private static void WriteDigits32(uint value, Span<byte> destination)
    {
        var pairs = DigitPairs;
        var i = destination.Length;
        for (; i >= 2; i -= 2)
        {
            var next = value / 100;
            var pair = (int)(value - (next * 100)) * 2;
            destination[i - 2] = pairs[pair];
            destination[i - 1] = pairs[pair + 1];
            value = next;
        }

        if (i == 1)
        {
            destination[0] = (byte)('0' + value);
        }
    }
}
