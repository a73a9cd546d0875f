namespace QuantPulse.Hosting;

/// <summary>What the enabled sources say about their symbols.</summary>
internal static class TickSourceFactories
{
    /// <summary>The symbols the enabled sources stream, or null when one of them can carry any symbol (a CSV recording).</summary>
    public static IReadOnlySet<string>? KnownSymbols(this IEnumerable<ITickSourceFactory> factories)
    {
        var symbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var factory in factories.Where(f => f.IsEnabled))
        {
            if (factory.StreamsOtherSymbols)
            {
                return null;
            }

            symbols.UnionWith(factory.Symbols);
        }

        return symbols;
    }
}
