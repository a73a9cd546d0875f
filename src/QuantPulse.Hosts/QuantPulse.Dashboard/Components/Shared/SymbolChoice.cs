namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>A symbol the pickers offer, with the source that serves it.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Source">The source kind (<c>simulated</c>, <c>deriv</c>, …).</param>
/// <param name="Simulated">Whether its prices are simulated.</param>
public sealed record SymbolChoice(string Symbol, string Source, bool Simulated)
{
    /// <summary>The configured symbols, simulated ones first, each group in name order.</summary>
    public static IReadOnlyList<SymbolChoice> From(IReadOnlyDictionary<string, string> configured) =>
        [.. configured
            .Select(p => new SymbolChoice(p.Key, p.Value, string.Equals(p.Value, QuantPulse.Model.TickSources.Simulated, StringComparison.Ordinal)))
            .OrderByDescending(s => s.Simulated)
            .ThenBy(s => s.Symbol, StringComparer.Ordinal)];
}
