using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Signals;

/// <summary>
/// A strategy as configuration writes it, for <c>IConfiguration</c> binding:
/// <c>{ "Id": "utbot", "Params": { "KeyValue": 2, "UseHeikinAshi": true } }</c>.
/// </summary>
/// <remarks>
/// Parameter values are kept as text, as configuration provides them. Convert with <see cref="ToSpec"/> (or
/// <see cref="TryToSpec"/> in an options validator), which checks the ID, the parameter names and the ranges
/// against the <see cref="StrategyCatalog"/>. The typed forms (<see cref="EmaRsiOptions"/>,
/// <see cref="UtBotOptions"/>) bind directly too.
/// </remarks>
public sealed class StrategyOptions
{
    /// <summary>The catalog ID, such as <c>ema-rsi</c> (any case).</summary>
    [Required]
    public string Id { get; set; } = string.Empty;

    /// <summary>Parameter values by name (names ignore case); parameters left out take their defaults.</summary>
    public Dictionary<string, string> Params { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates and converts to a spec.</summary>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The ID, a parameter name or a value is invalid; the message says which.</exception>
    public StrategySpec ToSpec() =>
        TryToSpec(out var spec, out var error) ? spec : throw new ArgumentException(error);

    /// <summary>Validates and converts to a spec without throwing.</summary>
    /// <param name="spec">The spec, on success.</param>
    /// <param name="error">Why the options are invalid, on failure.</param>
    /// <returns>Whether the options describe a valid strategy.</returns>
    public bool TryToSpec([NotNullWhen(true)] out StrategySpec? spec, [NotNullWhen(false)] out string? error) =>
        StrategySpec.TryCreate(Id, Params, out spec, out error);
}
