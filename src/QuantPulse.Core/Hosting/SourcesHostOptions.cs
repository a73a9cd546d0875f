using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>The tick sources (<c>QuantPulse:Sources</c>); every enabled source feeds the same pipeline.</summary>
public sealed class SourcesHostOptions
{
    /// <summary>The built-in simulated market (on by default).</summary>
    [Required]
    [ValidateObjectMembers]
    public SimulatedSourceOptions Simulated { get; set; } = new();

    /// <summary>A recorded tick file.</summary>
    [Required]
    public CsvSourceOptions Csv { get; set; } = new();

    /// <summary>Deriv synthetic indices over API v3.</summary>
    [Required]
    public DerivSourceHostOptions Deriv { get; set; } = new();

    /// <summary>Binance USD-M futures aggregate trades.</summary>
    [Required]
    public BinanceSourceHostOptions Binance { get; set; } = new();

    /// <summary>The symbols the enabled sources stream, or null when a source can carry any symbol (a CSV recording).</summary>
    internal IReadOnlySet<string>? KnownSymbols()
    {
        if (Csv.Enabled)
        {
            return null;
        }

        var symbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Simulated.Enabled)
        {
            symbols.UnionWith(Simulated.EffectiveSymbols);
        }

        if (Deriv.Enabled)
        {
            symbols.UnionWith(Deriv.Symbols);
        }

        if (Binance.Enabled)
        {
            symbols.UnionWith(Binance.Symbols);
        }

        return symbols;
    }
}
