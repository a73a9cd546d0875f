namespace QuantPulse.Internal.Batching;

/// <summary>Writes one chunk somewhere (a database, a stream); called by <see cref="BatchEngine{TInput, TChunk}"/>, one call at a time.</summary>
/// <typeparam name="TChunk">What one write takes.</typeparam>
/// <remarks>
/// A failed write is retried with the same chunk, so a writer that writes a chunk in parts should remember which parts
/// succeeded and resume with the one that failed.
/// </remarks>
internal interface IBatchWriter<in TChunk>
{
    /// <summary>Writes the chunk; throws to have it retried.</summary>
    Task WriteAsync(TChunk chunk, CancellationToken cancellationToken);
}

/// <summary>The engine's queue: what each input contributes, taken out oldest first in chunks of at most N items. Not thread-safe; the engine guards it.</summary>
/// <typeparam name="TInput">What the engine accepts.</typeparam>
/// <typeparam name="TChunk">What one write takes.</typeparam>
internal interface IBatchBuffer<in TInput, TChunk>
{
    /// <summary>How many items wait.</summary>
    int Count { get; }

    /// <summary>When the oldest waiting item was added (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    long OldestTimestamp { get; }

    /// <summary>Queues what <paramref name="input"/> contributes; returns how many items that is (0: nothing to write).</summary>
    int Add(TInput input, long timestamp);

    /// <summary>Takes up to <paramref name="maxItems"/> items, oldest first, and says how many it took.</summary>
    (TChunk Chunk, int Items) Take(int maxItems);

    /// <summary>Drops everything; returns how many items were dropped.</summary>
    int Clear();
}

/// <summary>What the engine reports as it goes, for the owner to log and count under its own names.</summary>
internal interface IBatchEvents
{
    /// <summary>A write failed and will be retried after <paramref name="delay"/>.</summary>
    void WriteFailed(Exception error, bool firstOfItsType, int items, int attempt, TimeSpan delay, int backlog);

    /// <summary>A write succeeded after <paramref name="attempts"/> attempts (more than one).</summary>
    void WriteRecovered(int attempts, int backlog);

    /// <summary>The last attempt allowed failed; the engine stops with <paramref name="error"/>.</summary>
    void GaveUp(Exception error, bool firstOfItsType, int attempts, int backlog);

    /// <summary>The backlog reached the capacity: <c>AcceptAsync</c> now waits for room.</summary>
    void BackPressure(int backlog, int capacity);

    /// <summary>The backlog fell below the capacity again.</summary>
    void BackPressureReleased(int backlog);
}
