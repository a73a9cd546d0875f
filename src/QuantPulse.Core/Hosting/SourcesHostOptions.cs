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
}
