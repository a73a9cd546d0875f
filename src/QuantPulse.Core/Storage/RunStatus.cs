namespace QuantPulse.Storage;

/// <summary>Where a recorded run stands. Stored as <c>RUNNING</c>, <c>COMPLETED</c> or <c>FAILED</c>.</summary>
public enum RunStatus
{
    /// <summary>Started and not finished (or stopped without being able to say so, such as a killed process).</summary>
    Running = 0,

    /// <summary>Finished normally: its rows are complete.</summary>
    Completed = 1,

    /// <summary>Failed or was cancelled; a back-test's own rows are removed when it fails.</summary>
    Failed = 2,
}
