using System.Buffers;

namespace QuantPulse.Sources.Csv;

/// <summary>The buffer handling the line readers share: one pooled array holding the unread part of the input.</summary>
internal static class PooledLineBuffer
{
    /// <summary>
    /// Moves the unread part <c>[start, end)</c> to the front of <paramref name="buffer"/> and, when the buffer is then
    /// full, doubles it (pooled arrays). Returns false when it already holds <paramref name="limit"/> elements without a
    /// line break: they are dropped (<paramref name="end"/> is 0) and the caller skips to the end of that line.
    /// </summary>
    public static bool MakeRoom<T>(ref T[] buffer, ref int start, ref int end, int limit)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end < buffer.Length)
        {
            return true;
        }

        if (end >= limit)
        {
            end = 0;
            return false;
        }

        var larger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, end).CopyTo(larger);
        ArrayPool<T>.Shared.Return(buffer);
        buffer = larger;
        return true;
    }
}
