using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Indicators;

/// <summary>
/// The indicators that configuration can name, by stable ID: <c>EMA</c>, <c>SMA</c>, <c>SMMA</c>, <c>RSI</c>,
/// <c>ATR</c>, <c>TR</c>, <c>MACD</c>, <c>BB</c>, <c>STDEV</c>, <c>HA</c>.
/// </summary>
/// <remarks>IDs never change meaning once published. Lookups ignore case. Thread-safe (immutable).</remarks>
public static class IndicatorCatalog
{
    /// <summary>Every registered indicator, in a stable order.</summary>
    public static IReadOnlyList<IndicatorDescriptor> All { get; } =
    [
        Ema.Descriptor,
        Sma.Descriptor,
        Smma.Descriptor,
        Rsi.Descriptor,
        Atr.Descriptor,
        TrueRange.Descriptor,
        Macd.Descriptor,
        BollingerBands.Descriptor,
        StandardDeviation.Descriptor,
        HeikinAshi.Descriptor,
    ];

    // Declared after All: static initialisers run in text order.
    private static readonly Dictionary<string, IndicatorDescriptor> ById = BuildIndex();

    /// <summary>Looks an indicator up by ID, ignoring case.</summary>
    /// <param name="id">The ID, such as <c>EMA</c>.</param>
    /// <param name="descriptor">The descriptor, when found.</param>
    /// <returns>Whether the ID is registered.</returns>
    public static bool TryGet([NotNullWhen(true)] string? id, [NotNullWhen(true)] out IndicatorDescriptor? descriptor)
    {
        descriptor = null;
        return id is not null && ById.TryGetValue(id.Trim(), out descriptor);
    }

    /// <summary>Looks an indicator up by ID, ignoring case.</summary>
    /// <param name="id">The ID, such as <c>EMA</c>.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">No indicator has that ID; the message lists the known IDs.</exception>
    public static IndicatorDescriptor Get(string id) =>
        TryGet(id, out var descriptor) ? descriptor : throw new ArgumentException(UnknownId(id), nameof(id));

    internal static string UnknownId(string? id) =>
        $"Unknown indicator ID '{id}'. Known IDs: {string.Join(", ", All.Select(d => d.Id))}.";

    private static Dictionary<string, IndicatorDescriptor> BuildIndex()
    {
        var index = new Dictionary<string, IndicatorDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in All)
        {
            index.Add(descriptor.Id, descriptor);
        }

        return index;
    }
}
