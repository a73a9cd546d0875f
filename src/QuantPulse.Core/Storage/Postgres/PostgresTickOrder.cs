using System.Buffers;

namespace QuantPulse.Storage.Postgres;

/// <summary>
/// The order in which the tick writer sends a batch's rows: grouped by symbol id, batch order within a symbol (a
/// counting sort, so linear in the batch).
/// </summary>
/// <remarks>
/// Feeds deliver each symbol's ticks in time order, so the rows then arrive in the order of the key
/// <c>(symbol_id, "time", seq)</c>: consecutive inserts land on the same index pages. It also lets the writer split a
/// large batch into two halves that touch different parts of the index, except where the split falls inside one
/// symbol's ticks. Ids are small (identities counted from 1); a batch with an id outside <c>[0, 65536)</c> keeps
/// its batch order, which is as correct and only less cache friendly.
/// </remarks>
internal static class PostgresTickOrder
{
    /// <summary>Symbol ids from this value on are not sorted by.</summary>
    public const int IdLimit = 1 << 16;

    /// <summary>Fills <paramref name="order"/> with the row indexes of <paramref name="symbolIds"/>, grouped by id.</summary>
    public static void BySymbol(ReadOnlySpan<int> symbolIds, Span<int> order)
    {
        var max = 0;
        foreach (var id in symbolIds)
        {
            if ((uint)id >= IdLimit)
            {
                InBatchOrder(order);
                return;
            }

            max = Math.Max(max, id);
        }

        // next[id] starts as the first position of id's rows, then advances as they are placed.
        var next = ArrayPool<int>.Shared.Rent(max + 2);
        try
        {
            Array.Clear(next, 0, max + 2);
            foreach (var id in symbolIds)
            {
                next[id + 1]++;
            }

            for (var id = 1; id <= max; id++)
            {
                next[id] += next[id - 1];
            }

            for (var i = 0; i < symbolIds.Length; i++)
            {
                order[next[symbolIds[i]]++] = i;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(next);
        }
    }

    private static void InBatchOrder(Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
    }
}
