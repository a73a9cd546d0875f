using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Indicators;

/// <summary>
/// One indicator as configuration writes it, for <c>IConfiguration</c> binding:
/// <c>{ "Id": "EMA", "Params": { "Period": 20 } }</c> or <c>{ "Id": "ATR", "Params": { "Period": 14, "Seeding": "TradingView" } }</c>.
/// </summary>
/// <remarks>
/// Parameter values are kept as text, as configuration provides them: invariant numbers, or a choice's name.
/// Convert with <see cref="ToSpec"/> (or <see cref="TryToSpec"/> in an options validator), which checks the ID,
/// the parameter names and the ranges against the <see cref="IndicatorCatalog"/>.
/// </remarks>
public sealed class IndicatorOptions
{
    /// <summary>The catalog ID, such as <c>EMA</c> (any case).</summary>
    [Required]
    public string Id { get; set; } = string.Empty;

    /// <summary>Parameter values by name (names ignore case); parameters left out take their defaults.</summary>
    public Dictionary<string, string> Params { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates and converts to a spec.</summary>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The ID, a parameter name or a value is invalid; the message says which.</exception>
    public IndicatorSpec ToSpec() =>
        TryToSpec(out var spec, out var error) ? spec : throw new ArgumentException(error);

    /// <summary>Validates and converts to a spec without throwing.</summary>
    /// <param name="spec">The spec, on success.</param>
    /// <param name="error">Why the options are invalid, on failure.</param>
    /// <returns>Whether the options describe a valid indicator.</returns>
    public bool TryToSpec([NotNullWhen(true)] out IndicatorSpec? spec, [NotNullWhen(false)] out string? error) =>
        IndicatorSpec.TryCreate(Id, Params, out spec, out error);
}
