namespace QuantPulse.Sources;

/// <summary>What a <see cref="TickRecorder"/> run wrote.</summary>
/// <param name="TicksWritten">How many ticks were written (each once).</param>
/// <param name="StopReason">Why the recording stopped.</param>
/// <param name="FirstTick">The time of the first tick written, if any.</param>
/// <param name="LastTick">The time of the last tick written, if any.</param>
public sealed record TickRecordingResult(long TicksWritten, TickRecordingStopReason StopReason, DateTimeOffset? FirstTick, DateTimeOffset? LastTick);
