using System.Buffers.Binary;
using System.Numerics;

namespace QuantPulse.Storage.Postgres;

/// <summary>
/// Encodes a <see cref="decimal"/> in PostgreSQL's binary <c>numeric</c> format (what <c>numeric_recv</c> reads), into
/// a caller's buffer: the tick writer's way to send prices and sizes without Npgsql's per-value allocation.
/// </summary>
/// <remarks>
/// The format: four 16-bit big-endian fields — the count of base-10000 digits, the weight (the power of 10000 of the
/// first digit), the sign (<c>0x0000</c> positive, <c>0x4000</c> negative) and the display scale — then the digits,
/// most significant first. The display scale is the decimal's scale, so the stored value keeps every digit and its
/// trailing zeros (<c>1.5000000000</c> stays that). Zero is sent with no digits and a positive sign (PostgreSQL has
/// no negative zero), as Npgsql sends it.
/// </remarks>
internal static class PostgresNumeric
{
    /// <summary>The longest encoding: 96 bits scaled up by at most 1000 are below 10^32, so 8 digits of 4.</summary>
    public const int MaxBytes = 8 + (2 * 8);

    private const ushort Negative = 0x4000;

    /// <summary>Writes <paramref name="value"/>; returns the number of bytes written.</summary>
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;

        // Pad the fraction to whole base-10000 digits: value = mantissa * 10^-(scale + pad), scale + pad a multiple of 4.
        var pad = (4 - (scale % 4)) % 4;
        var fractionDigits = (scale + pad) / 4;
        Span<ushort> digits = stackalloc ushort[8];
        var count = bits[2] == 0 && (uint)bits[1] < 0x0041_8937 // below 2^64 / 1000: ulong arithmetic suffices
            ? Digits((((ulong)(uint)bits[1]) << 32 | (uint)bits[0]) * Pow10(pad), digits)
            : Digits(new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]) * Pow10(pad), digits);

        // digits[0] is the least significant; trailing zero digits of the fraction need not be sent.
        var lowest = 0;
        while (lowest < count && digits[lowest] == 0)
        {
            lowest++;
        }

        var sent = count - lowest;
        BinaryPrimitives.WriteInt16BigEndian(destination, (short)sent);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)(count == 0 ? 0 : count - 1 - fractionDigits));
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], count != 0 && bits[3] < 0 ? Negative : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        for (var i = 0; i < sent; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(8 + (2 * i))..], digits[count - 1 - i]);
        }

        return 8 + (2 * sent);
    }

    private static uint Pow10(int exponent) => exponent switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };

    // Generic so that the JIT compiles one loop per type: ulong's divides by a constant multiply, UInt128's do not.
    private static int Digits<T>(T mantissa, Span<ushort> digits)
        where T : IBinaryInteger<T>
    {
        var group = T.CreateTruncating(10000);
        var count = 0;
        while (mantissa != T.Zero)
        {
            (mantissa, var digit) = T.DivRem(mantissa, group);
            digits[count++] = ushort.CreateTruncating(digit);
        }

        return count;
    }
}
