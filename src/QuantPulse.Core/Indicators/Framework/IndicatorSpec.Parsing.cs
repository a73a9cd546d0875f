using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Indicators;

public sealed partial record IndicatorSpec
{
    /// <summary>
    /// Reads a spec written as <c>ID</c>, <c>ID(v1,v2,…)</c> (values in declaration order) or
    /// <c>ID(Name=v,…)</c>, such as <c>EMA(20)</c>, <c>macd(12,26,9)</c>, <c>BB(Period=20,K=2.5)</c> or
    /// <c>ATR(14,TradingView)</c>. Parameters not given take their defaults.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">The text is malformed, or names an unknown ID or parameter, or a value is out of range.</exception>
    public static IndicatorSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Reads a spec written as in <see cref="Parse"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="spec">The spec, on success.</param>
    /// <param name="error">Why the text was refused, on failure.</param>
    /// <returns>Whether the text is a valid spec.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out IndicatorSpec? spec,
        [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The indicator spec is empty; expected for example EMA(20) or MACD(12,26,9).";
            return false;
        }

        var trimmed = text.Trim();
        var open = trimmed.IndexOf('(', StringComparison.Ordinal);
        var id = open < 0 ? trimmed : trimmed[..open].TrimEnd();
        var arguments = new List<Argument>();
        if (open >= 0)
        {
            var inner = trimmed[(open + 1)..^1];
            if (trimmed[^1] != ')' || inner.Contains('(', StringComparison.Ordinal) || inner.Contains(')', StringComparison.Ordinal))
            {
                error = $"'{text}' is not an indicator spec; expected ID or ID(value,…), for example EMA(20).";
                return false;
            }

            if (!string.IsNullOrWhiteSpace(inner) && !TrySplitArguments(inner, arguments, out error))
            {
                error = $"'{text}': {error}";
                return false;
            }
        }

        if (Bind(id, arguments, out spec, out error) != BindOutcome.Ok || spec is null)
        {
            error = $"'{text}': {error}";
            return false;
        }

        return true;
    }

    private static bool TrySplitArguments(string inner, List<Argument> arguments, [NotNullWhen(false)] out string? error)
    {
        var named = false;
        foreach (var part in inner.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                named = true;
                arguments.Add(new Argument(part[..equals].Trim(), part[(equals + 1)..].Trim()));
            }
            else if (named)
            {
                error = "a value without a name cannot follow a named value.";
                return false;
            }
            else
            {
                arguments.Add(new Argument(null, part.Trim()));
            }
        }

        error = null;
        return true;
    }
}
