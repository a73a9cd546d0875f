using System.Runtime.InteropServices;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// Numbers the ticks of one batch for the <c>ticks</c> key (symbol, time, seq): the ticks of one symbol that share
/// one stored instant get 0, 1, 2… in batch order, so writing the same batch again yields the same keys.
/// </summary>
/// <remarks>
/// Feeds deliver each symbol's ticks in time order, so a tick normally only needs its symbol's previous tick: that is
/// one entry per symbol. A batch in which some symbol goes back in time is numbered with one entry per stored instant
/// instead; both give the same numbers.
/// </remarks>
internal static class TickSequence
{
    /// <summary>Each tick's <c>seq</c>, in batch order.</summary>
    public static int[] Number(ReadOnlySpan<Tick> ticks)
    {
        var seq = new int[ticks.Length];
        var last = new Dictionary<string, (long Time, int Seq)>(StringComparer.Ordinal);
        for (var i = 0; i < ticks.Length; i++)
        {
            var time = StorageTime.Truncate(ticks[i].Time).UtcTicks;
            ref var previous = ref CollectionsMarshal.GetValueRefOrAddDefault(last, ticks[i].Symbol, out var seen);
            if (seen && time < previous.Time)
            {
                return NumberEveryInstant(ticks);
            }

            previous = (time, seen && time == previous.Time ? previous.Seq + 1 : 0);
            seq[i] = previous.Seq;
        }

        return seq;
    }

    private static int[] NumberEveryInstant(ReadOnlySpan<Tick> ticks)
    {
        var seq = new int[ticks.Length];
        var counts = new Dictionary<(string Symbol, long Time), int>(ticks.Length);
        for (var i = 0; i < ticks.Length; i++)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, (ticks[i].Symbol, StorageTime.Truncate(ticks[i].Time).UtcTicks), out _);
            seq[i] = count++;
        }

        return seq;
    }
}
