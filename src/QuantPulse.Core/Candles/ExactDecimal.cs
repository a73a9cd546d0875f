using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QuantPulse.Candles;

/// <summary>
/// A non-negative <see cref="decimal"/> whose coefficient fits in 63 bits, held as that coefficient and its scale, so
/// candle maths can compare and add prices and sizes with integer instructions instead of decimal calls.
/// </summary>
/// <remarks>
/// Exactness is what makes it a fast path and not an approximation: a value that does not fit (a negative sign,
/// negative zero included, or a coefficient of 63 bits or more) has <see cref="IsExact"/> false and the caller uses
/// <see cref="decimal"/> arithmetic. For exact values, adding the coefficients at the larger scale is what
/// <see cref="decimal"/> addition does when nothing is rounded (the sum keeps the larger scale, trailing zeros
/// included), so <see cref="ToDecimal"/> gives back the same bits a decimal sum would. The per-tick members are
/// inlined: as calls they took about a tenth of <c>quantpulse candles</c>' CPU time (docs/benchmarks.md).
/// </remarks>
internal readonly struct ExactDecimal
{
    // 10^0 … 10^18: every power that fits in a long.
    private static readonly long[] Powers =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    private ExactDecimal(long coefficient, int scale, bool isExact)
    {
        Coefficient = coefficient;
        Scale = scale;
        IsExact = isExact;
    }

    /// <summary>The integer coefficient: the value is <c>Coefficient / 10^Scale</c>.</summary>
    public long Coefficient { get; }

    /// <summary>The decimal scale, 0 to 28.</summary>
    public int Scale { get; }

    /// <summary>Whether the value is held exactly; when false, only decimal arithmetic may be used.</summary>
    public bool IsExact { get; }

    // Whether decimal's in-memory layout is the one Bits describes (flags, high 32 bits, low 64 bits of the
    // coefficient), checked once against decimal.GetBits; the JIT folds it, and a runtime with another layout
    // takes the GetBits path.
    private static readonly bool LayoutKnown = CheckLayout();

    /// <summary>Splits a decimal into coefficient and scale when it is non-negative and its coefficient fits in 63 bits.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The exact form, or one with <see cref="IsExact"/> false.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExactDecimal From(decimal value)
    {
        if (!LayoutKnown)
        {
            return FromBits(value);
        }

        ref readonly var bits = ref Unsafe.As<decimal, Bits>(ref Unsafe.AsRef(in value));
        return bits.High != 0 || (long)bits.Low < 0 || bits.Flags < 0
            ? default
            : new ExactDecimal((long)bits.Low, (bits.Flags >> 16) & 0xFF, isExact: true);
    }

    /// <summary>Compares two exact values of the same scale; <c>null</c> when either is not exact or the scales differ.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Negative, zero or positive as with <see cref="decimal.Compare"/>, or <c>null</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int? CompareSameScale(ExactDecimal left, ExactDecimal right) =>
        left.IsExact && right.IsExact && left.Scale == right.Scale ? left.Coefficient.CompareTo(right.Coefficient) : null;

    /// <summary>The exact sum, at the larger scale, or a value with <see cref="IsExact"/> false when it does not fit.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExactDecimal Add(ExactDecimal left, ExactDecimal right)
    {
        // The common case, two exact values of one scale, is one integer addition.
        if (left.IsExact & right.IsExact && left.Scale == right.Scale)
        {
            var sum = left.Coefficient + right.Coefficient;
            return sum < 0 ? default : new ExactDecimal(sum, left.Scale, isExact: true);
        }

        return AddRescaled(left, right);
    }

    /// <summary>The decimal with this coefficient and scale.</summary>
    /// <returns>The value; only meaningful when <see cref="IsExact"/>.</returns>
    public decimal ToDecimal() => new((int)Coefficient, (int)(Coefficient >> 32), 0, isNegative: false, (byte)Scale);

    private static ExactDecimal AddRescaled(ExactDecimal left, ExactDecimal right)
    {
        if (!left.IsExact || !right.IsExact)
        {
            return default;
        }

        var scale = Math.Max(left.Scale, right.Scale);
        if (!TryRescale(left.Coefficient, scale - left.Scale, out var a) || !TryRescale(right.Coefficient, scale - right.Scale, out var b))
        {
            return default;
        }

        var sum = a + b;
        return sum < 0 ? default : new ExactDecimal(sum, scale, isExact: true);
    }

    private static ExactDecimal FromBits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);

        // bits: low 32, middle 32, high 32 of the coefficient, then the flags (sign bit 31, scale in bits 16-23).
        if (bits[2] != 0 || bits[1] < 0 || bits[3] < 0)
        {
            return default;
        }

        return new ExactDecimal(((long)bits[1] << 32) | (uint)bits[0], (bits[3] >> 16) & 0xFF, isExact: true);
    }

    private static bool CheckLayout()
    {
        // A value whose four parts all differ: coefficient 0x0000_0005_0000_0007_0000_0003 (high 5, middle 7, low 3),
        // negative, scale 9.
        var probe = new decimal(3, 7, 5, isNegative: true, scale: 9);
        Span<int> expected = stackalloc int[4];
        decimal.GetBits(probe, expected);
        ref readonly var bits = ref Unsafe.As<decimal, Bits>(ref Unsafe.AsRef(in probe));
        return Unsafe.SizeOf<decimal>() == Unsafe.SizeOf<Bits>()
            && bits.Flags == expected[3]
            && bits.High == (uint)expected[2]
            && bits.Low == (((ulong)(uint)expected[1] << 32) | (uint)expected[0]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryRescale(long coefficient, int digits, out long scaled)
    {
        if (digits == 0)
        {
            scaled = coefficient;
            return true;
        }

        if (digits >= Powers.Length || coefficient > long.MaxValue / Powers[digits])
        {
            scaled = 0;
            return false;
        }

        scaled = coefficient * Powers[digits];
        return true;
    }

    // decimal as the runtime lays it out: the flags word, then the coefficient's high 32 and low 64 bits.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Bits
    {
        public readonly int Flags;
        public readonly uint High;
        public readonly ulong Low;
    }
}
