using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Signals;

/// <summary>The strategies that configuration can name, by stable ID: <c>ema-rsi</c> and <c>utbot</c>.</summary>
/// <remarks>IDs never change meaning once published. Lookups ignore case. Thread-safe (immutable).</remarks>
public static class StrategyCatalog
{
    /// <summary>Every registered strategy, in a stable order.</summary>
    public static IReadOnlyList<StrategyDescriptor> All { get; } =
    [
        EmaRsiStrategy.Descriptor,
        UtBotStrategy.Descriptor,
    ];

    // Declared after All: static initialisers run in text order.
    private static readonly Dictionary<string, StrategyDescriptor> ById =
        All.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Looks a strategy up by ID, ignoring case.</summary>
    /// <param name="id">The ID, such as <c>utbot</c>.</param>
    /// <param name="descriptor">The descriptor, when found.</param>
    /// <returns>Whether the ID is registered.</returns>
    public static bool TryGet([NotNullWhen(true)] string? id, [NotNullWhen(true)] out StrategyDescriptor? descriptor)
    {
        descriptor = null;
        return id is not null && ById.TryGetValue(id.Trim(), out descriptor);
    }

    /// <summary>Looks a strategy up by ID, ignoring case.</summary>
    /// <param name="id">The ID, such as <c>ema-rsi</c>.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">No strategy has that ID; the message lists the known IDs.</exception>
    public static StrategyDescriptor Get(string id) =>
        TryGet(id, out var descriptor) ? descriptor : throw new ArgumentException(UnknownId(id), nameof(id));

    internal static string UnknownId(string? id) =>
        $"Unknown strategy ID '{id}'. Known IDs: {string.Join(", ", All.Select(d => d.Id))}.";
}
