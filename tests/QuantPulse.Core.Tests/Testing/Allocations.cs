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

    /// <summary>
    /// Runs <paramref name="attempt"/> (fresh state, warm-up, then one measured stretch that returns the bytes it
    /// allocated) up to <paramref name="attempts"/> times and returns the fewest bytes, stopping at the first zero. The
    /// runtime may allocate once while it recompiles a hot method; code that allocates per call does so every attempt.
    /// </summary>
    /// <param name="attempt">Builds its state, warms up and returns what the measured stretch allocated.</param>
    /// <param name="attempts">How many attempts at most.</param>
    /// <returns>The fewest bytes one attempt allocated.</returns>
    public static long Fewest(Func<long> attempt, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var fewest = long.MaxValue;
        for (var i = 0; i < attempts && fewest > 0; i++)
        {
            fewest = Math.Min(fewest, attempt());
        }

        return fewest;
    }

    /// <summary>The bytes <paramref name="stretch"/> allocates on the calling thread.</summary>
    /// <param name="stretch">The code to measure.</param>
    /// <returns>The bytes allocated.</returns>
    public static long Of(Action stretch)
    {
        ArgumentNullException.ThrowIfNull(stretch);
        var before = GC.GetAllocatedBytesForCurrentThread();
        stretch();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
