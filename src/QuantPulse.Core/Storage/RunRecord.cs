namespace QuantPulse.Storage;

/// <summary>One run recorded in the <c>runs</c> table: a back-test, or one start of a live host.</summary>
/// <param name="Id">The run id (1 to 64 characters: letters, digits, <c>.</c>, <c>_</c>, <c>:</c>, <c>-</c>).</param>
/// <param name="Started">When the run started.</param>
/// <param name="Command">What ran, such as <c>backtest</c> or <c>live</c>.</param>
/// <param name="Parameters">The settings of the run, as text (for a back-test, what decides its results).</param>
/// <param name="Input">The input file, if any.</param>
/// <param name="Status">Where the run stands.</param>
public sealed record RunRecord(
    string Id,
    DateTimeOffset Started,
    string Command,
    string Parameters,
    string? Input,
    RunStatus Status)
{
    /// <summary>When the run completed or failed; null while running.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Whether <paramref name="id"/> is a valid run id: 1 to 64 letters, digits, <c>.</c>, <c>_</c>, <c>:</c> or <c>-</c>.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidId(string? id) => Internal.RunTag.IsValid(id);
}
