using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QuantPulse.Signals;

/// <summary>One parameter of a strategy in the <see cref="StrategyCatalog"/>: its name, type, default and range.</summary>
/// <remarks>
/// Values are carried as <see cref="double"/>; a <see cref="StrategyParameterType.Boolean"/> is 1 (true) or 0
/// (false). The name is also the name of the property on the strategy's options class
/// (<see cref="StrategyDescriptor.OptionsType"/>), so configuration can bind either form.
/// </remarks>
/// <param name="Name">The parameter name as configuration spells it (<c>FastPeriod</c>, <c>KeyValue</c>, …).</param>
/// <param name="Type">The kind of value.</param>
/// <param name="Default">The value used when the parameter is not given.</param>
/// <param name="Minimum">The smallest value allowed (inclusive).</param>
/// <param name="Maximum">The largest value allowed (inclusive).</param>
/// <param name="Description">What the parameter means.</param>
public sealed record StrategyParameter(
    string Name,
    StrategyParameterType Type,
    double Default,
    double Minimum,
    double Maximum,
    string Description)
{
    /// <summary>Formats a value as configuration writes it: invariant numbers, <c>true</c>/<c>false</c> for switches.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public string FormatValue(double value) => Type == StrategyParameterType.Boolean
        ? (value != 0 ? "true" : "false")
        : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a value from text: an invariant number, or for a switch <c>true</c>/<c>false</c> (any case), 1 or 0.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value, when the text could be read.</param>
    /// <returns>Whether the text could be read (the range is checked separately).</returns>
    public bool TryParseValue([NotNullWhen(true)] string? text, out double value)
    {
        text = text?.Trim();
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (Type == StrategyParameterType.Boolean && bool.TryParse(text, out var flag))
        {
            value = flag ? 1 : 0;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Returns why <paramref name="value"/> is not allowed, or null when it is.</summary>
    internal string? Check(double value, string strategyId)
    {
        if (double.IsNaN(value) || value < Minimum || value > Maximum)
        {
            return Type == StrategyParameterType.Boolean
                ? $"Parameter '{Name}' of {strategyId} must be true or false; got {FormatValue(value)}."
                : $"Parameter '{Name}' of {strategyId} must be between {FormatValue(Minimum)} and {FormatValue(Maximum)}; got {FormatValue(value)}.";
        }

        if (Type != StrategyParameterType.Number && value != Math.Floor(value))
        {
            return $"Parameter '{Name}' of {strategyId} must be a whole number; got {FormatValue(value)}.";
        }

        return null;
    }
}
