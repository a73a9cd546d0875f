using QuantPulse.Model;

namespace QuantPulse.Tests.Architecture;

/// <summary>
/// Dependencies inside QuantPulse.Core point one way: Model ← stages ← Pipeline ← Hosting. A namespace may use its
/// own layer's earlier entries and any lower layer, never a later one; see docs/architecture.md.
/// </summary>
public class LayerTests
{
    /// <summary>
    /// Modules (a namespace and the namespaces under it) in layers from the bottom; inside a layer, a module may use
    /// the ones listed before it. Inside a module, dependencies are free.
    /// </summary>
    private static readonly string[][] Layers =
    [
        ["QuantPulse.Internal", "QuantPulse.Model", "QuantPulse.Dataflow"],
        ["QuantPulse.Indicators", "QuantPulse.Candles", "QuantPulse.Signals", "QuantPulse.Simulation", "QuantPulse.Analytics", "QuantPulse.Sources", "QuantPulse.Sources.Alpaca", "QuantPulse.Sources.Databento", "QuantPulse.Storage", "QuantPulse.Alerts", "QuantPulse.Trading"],
        ["QuantPulse.Pipeline"],
        ["QuantPulse.Hosting", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting"],
    ];

    private static readonly Dictionary<string, int> Rank = Layers
        .SelectMany((layer, l) => layer.Select((ns, i) => (ns, rank: (l * 100) + i)))
        .ToDictionary(x => x.ns, x => x.rank);

    /// <summary>The module of a namespace, or null for code the compiler's source generators add.</summary>
    private static string? Module(string? ns) =>
        ns is null || ns.StartsWith("__", StringComparison.Ordinal) || ns.StartsWith("System", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.Extensions.Configuration.Binder", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            ? null
            : Rank.Keys.Where(m => ns == m || ns.StartsWith(m + ".", StringComparison.Ordinal)).MaxBy(m => m.Length) ?? ns;

    [Fact]
    public void Namespaces_Core_AreAllPlacedInALayer()
    {
        var namespaces = typeof(Tick).Assembly.GetTypes()
            .Select(t => Module(t.Namespace))
            .OfType<string>()
            .Distinct()
            .Where(m => !Rank.ContainsKey(m))
            .ToList();

        Assert.True(namespaces.Count == 0, $"Namespaces without a layer: {string.Join(", ", namespaces)}");
    }

    [Fact]
    public void Dependencies_Core_PointOnlyDownTheLayers()
    {
        var against = NamespaceGraph.Build(typeof(Tick).Assembly)
            .Where(e => Module(e.Key.From) is { } f && Module(e.Key.To) is { } t
                && Rank.TryGetValue(f, out var from) && Rank.TryGetValue(t, out var to) && to > from)
            .Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(against.Count == 0, "Dependencies against the layer order:\n" + string.Join("\n", against));
    }
}
