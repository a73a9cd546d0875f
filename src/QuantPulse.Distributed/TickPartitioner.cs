using System.Text;

namespace QuantPulse.Distributed;

/// <summary>Maps a symbol to its partition with a stable hash, the same in every process, version and machine.</summary>
/// <remarks>
/// The hash is 32-bit FNV-1a over the symbol's UTF-8 bytes (never <see cref="string.GetHashCode()"/>, which is
/// randomised per process). Changing the partition count moves symbols between partitions; see docs/scale-out.md.
/// </remarks>
public static class TickPartitioner
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The partition of <paramref name="symbol"/> among <paramref name="partitionCount"/>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="partitionCount">How many partitions there are (at least 1).</param>
    /// <returns>A partition number from 0 to <paramref name="partitionCount"/> - 1.</returns>
    public static int PartitionOf(string symbol, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(symbol))
        {
            hash ^= b;
            hash *= Prime;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
