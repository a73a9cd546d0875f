using System.Runtime.InteropServices;
using QuantPulse.Model;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// Numbers the ticks of one batch for the <c>ticks</c> key (symbol, time, seq): the ticks of one symbol that share
/// one stored instant get 0, 1, 2… in batch order, so writing the same batch again yields the same keys.
/// </summary>
/// <remarks>Not thread-safe: one instance per write.</remarks>
internal sealed class TickSequence
{
    private readonly Dictionary<(string Symbol, long Time), int> _seen = new();

    /// <summary>The key part of <paramref name="tick"/>, given every earlier tick of the batch was numbered.</summary>
    public int Next(in Tick tick)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_seen, (tick.Symbol, StorageTime.Truncate(tick.Time).UtcTicks), out _);
        return count++;
    }
}
