using QuantPulse.Model;

namespace QuantPulse.Internal;

/// <summary>Merges events that stages add to a <see cref="MarketBatch"/> with those an earlier stage added, by position.</summary>
internal static class PositionMerge
{
    /// <summary>
    /// Both lists in position order → one list in position order; at equal positions the existing events come
    /// first. Returns <paramref name="added"/> itself when there is nothing to merge with.
    /// </summary>
    public static IReadOnlyList<T> Merge<T>(IReadOnlyList<T> existing, List<T> added, Func<T, int> position)
    {
        if (existing.Count == 0)
        {
            return added;
        }

        var merged = new List<T>(existing.Count + added.Count);
        int i = 0, j = 0;
        while (i < existing.Count && j < added.Count)
        {
            merged.Add(position(added[j]) < position(existing[i]) ? added[j++] : existing[i++]);
        }

        while (i < existing.Count)
        {
            merged.Add(existing[i++]);
        }

        while (j < added.Count)
        {
            merged.Add(added[j++]);
        }

        return merged;
    }
}
