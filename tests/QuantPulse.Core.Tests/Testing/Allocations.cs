namespace QuantPulse.Tests.Testing;

/// <summary>Measures what a piece of code allocates on the calling thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="calls"/> times after a warm-up, in three rounds, and returns the
    /// fewest bytes one round allocated. The runtime itself may allocate a few bytes once while it recompiles a hot
    /// method (tiering); code that allocates per call allocates in every round, so the minimum still shows it.
    /// </summary>
    /// <param name="action">The code; it gets the call number.</param>
    /// <param name="calls">Calls per round.</param>
    /// <returns>The bytes allocated by the quietest round.</returns>
    public static long PerRound(Action<int> action, int calls = 10_000)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < 2_000; i++)
        {
            action(i);
        }

        var fewest = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                action(i);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
