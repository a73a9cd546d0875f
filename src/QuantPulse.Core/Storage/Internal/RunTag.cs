using System.Buffers;

namespace QuantPulse.Storage.Internal;

/// <summary>What the rows a store view writes carry: the run id and the scope their IDs live in.</summary>
/// <param name="RunId">The run that stores the rows (<c>''</c> for the plain store).</param>
/// <param name="Scope">The ID namespace: <c>''</c> for the shared scope, the run id for a run's own scope.</param>
internal sealed record RunTag(string RunId, string Scope)
{
    private const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    /// <summary>The plain store: the shared scope, no run.</summary>
    public static RunTag Shared { get; } = new(string.Empty, string.Empty);

    /// <exception cref="ArgumentException">The id is not a valid run id.</exception>
    public static RunTag For(string runId, RunScope scope)
    {
        Check(runId, nameof(runId));
        return new RunTag(runId, scope == RunScope.Own ? runId : string.Empty);
    }

    /// <summary>Whether <paramref name="id"/> is 1 to 64 letters, digits, '.', '_', ':' or '-'.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAnyExcept(Allowed);

    /// <exception cref="ArgumentException">The id is not a valid run id.</exception>
    public static void Check(string? id, string name)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a run id: use 1 to {MaxLength} letters, digits, '.', '_', ':' or '-'.", name);
        }
    }
}
