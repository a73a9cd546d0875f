namespace QuantPulse.Storage;

/// <summary>A snapshot of a <see cref="SinkBlock"/>'s counters.</summary>
/// <param name="CandlesWritten">Closed candles the store has confirmed (including ones it already had).</param>
/// <param name="SignalsWritten">Signals the store has confirmed (including ones it already had).</param>
/// <param name="TradesWritten">Trade rows upserted (an open and a close of one trade in one write count once).</param>
/// <param name="TicksWritten">Ticks the store has confirmed.</param>
/// <param name="Writes">Successful writes (each covers up to <see cref="SinkBlockOptions.BatchSize"/> items).</param>
/// <param name="Retries">Failed write attempts that were retried.</param>
/// <param name="ConsecutiveFailures">Failed attempts of the write in progress; zero when the last write succeeded.</param>
/// <param name="Backlog">Accepted items not yet written, including the write in progress.</param>
public sealed record SinkStatistics(
    long CandlesWritten,
    long SignalsWritten,
    long TradesWritten,
    long TicksWritten,
    long Writes,
    long Retries,
    int ConsecutiveFailures,
    int Backlog);
