namespace QuantPulse.Sources;

/// <summary>Why a <see cref="TickRecorder"/> stopped.</summary>
public enum TickRecordingStopReason
{
    /// <summary>The source ended its stream (a replay reached its end, for example).</summary>
    SourceCompleted = 0,

    /// <summary>The requested duration elapsed.</summary>
    DurationElapsed,

    /// <summary>The caller cancelled (Ctrl+C, for example).</summary>
    Cancelled,
}
