namespace QuantPulse.Internal.Batching;

/// <summary>How a <see cref="BatchEngine{TInput, TChunk}"/> batches, times, retries and pushes back.</summary>
/// <param name="BatchSize">Most items per write; a write starts as soon as this many wait.</param>
/// <param name="FlushInterval">The longest the oldest waiting item waits before a write starts.</param>
/// <param name="BufferCapacity">Items waiting or being written at which <c>AcceptAsync</c> waits for room.</param>
/// <param name="RetryDelay">The wait after failed attempt n (1-based).</param>
/// <param name="MaxRetryAttempts">Retries of one write before the engine gives up; null retries for ever.</param>
/// <param name="TimeProvider">The clock behind the flush interval and the retry delays.</param>
internal sealed record BatchEngineSettings(
    int BatchSize,
    TimeSpan FlushInterval,
    int BufferCapacity,
    Func<int, TimeSpan> RetryDelay,
    int? MaxRetryAttempts,
    TimeProvider TimeProvider);
