using System.Numerics;

namespace QuantPulse.Sources.Simulated;

/// <summary>
/// The xoshiro256** 1.0 generator (Blackman and Vigna), seeded through SplitMix64: a small, fast generator whose
/// output is defined bit for bit by its algorithm, so a seed gives the same stream on every machine and runtime.
/// </summary>
/// <remarks>Not thread-safe: one instance per stream.</remarks>
internal sealed class Xoshiro256StarStar
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private const double DoubleUnit = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from its raw state (which must not be all zero).</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The xoshiro256** state must not be all zero.");
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>Creates the generator of stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    /// <remarks>
    /// The seed and the stream number are each mixed through the SplitMix64 finaliser and combined, and the result
    /// seeds a SplitMix64 sequence whose first four outputs are the state. Streams of the same seed therefore start
    /// from unrelated states, and a stream does not depend on how many other streams exist.
    /// </remarks>
    public static Xoshiro256StarStar ForStream(ulong seed, ulong stream)
    {
        var state = Mix(seed) ^ Mix(Mix(stream + GoldenGamma));
        var s0 = SplitMix64(ref state);
        var s1 = SplitMix64(ref state);
        var s2 = SplitMix64(ref state);
        var s3 = SplitMix64(ref state);

        // SplitMix64 is a bijection of its counter, so four consecutive outputs are never all zero.
        return new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    /// <summary>Advances a SplitMix64 state and returns its next output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += GoldenGamma;
        return Mix(state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
