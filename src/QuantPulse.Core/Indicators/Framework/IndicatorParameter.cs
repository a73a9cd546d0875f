using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QuantPulse.Indicators;

/// <summary>One parameter of an indicator in the <see cref="IndicatorCatalog"/>: its name, type, default and range.</summary>
/// <remarks>
/// Values are carried as <see cref="double"/>. A <see cref="IndicatorParameterType.Choice"/> parameter's value is
/// the index of its name in <see cref="Choices"/>, so its range is <c>0 … Choices.Count − 1</c>.
/// </remarks>
/// <param name="Name">The parameter name as it appears in configuration (<c>Period</c>, <c>K</c>, …).</param>
/// <param name="Type">The kind of value.</param>
/// <param name="Default">The value used when the parameter is not given.</param>
/// <param name="Minimum">The smallest value allowed (inclusive).</param>
/// <param name="Maximum">The largest value allowed (inclusive).</param>
/// <param name="Description">What the parameter means.</param>
public sealed record IndicatorParameter(
    string Name,
    IndicatorParameterType Type,
    double Default,
    double Minimum,
    double Maximum,
    string Description)
{
    /// <summary>The allowed names of a <see cref="IndicatorParameterType.Choice"/> parameter, by index; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Formats a value the way configuration and indicator names spell it (invariant; choices by name).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, such as <c>20</c>, <c>2.5</c> or <c>TradingView</c>.</returns>
    public string FormatValue(double value) =>
        Type == IndicatorParameterType.Choice && value >= 0 && value < Choices.Count && value == Math.Floor(value)
            ? Choices[(int)value]
            : IndicatorArguments.Format(value);

    /// <summary>Reads a value from text: an invariant number, or for a choice its name (any case) or index.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value, when the text could be read.</param>
    /// <returns>Whether the text could be read (range is checked separately).</returns>
    public bool TryParseValue([NotNullWhen(true)] string? text, out double value)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            value = 0;
            return false;
        }

        if (Type == IndicatorParameterType.Choice)
        {
            for (var i = 0; i < Choices.Count; i++)
            {
                if (string.Equals(Choices[i], text, StringComparison.OrdinalIgnoreCase))
                {
                    value = i;
                    return true;
                }
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Returns why <paramref name="value"/> is not allowed, or null when it is.</summary>
    internal string? Check(double value, string indicatorId)
    {
        if (double.IsNaN(value) || value < Minimum || value > Maximum)
        {
            return Type == IndicatorParameterType.Choice
                ? $"Parameter '{Name}' of {indicatorId} must be one of {string.Join(", ", Choices)}; got {IndicatorArguments.Format(value)}."
                : $"Parameter '{Name}' of {indicatorId} must be between {IndicatorArguments.Format(Minimum)} and {IndicatorArguments.Format(Maximum)}; got {IndicatorArguments.Format(value)}.";
        }

        if (Type != IndicatorParameterType.Number && value != Math.Floor(value))
        {
            return $"Parameter '{Name}' of {indicatorId} must be a whole number; got {IndicatorArguments.Format(value)}.";
        }

        return null;
    }

    internal static IndicatorParameter Period(string name, int defaultValue, int minimum, string description) =>
        new(name, IndicatorParameterType.Integer, defaultValue, minimum, IndicatorArguments.MaxPeriod, description);

    internal static IndicatorParameter Period(int defaultValue, int minimum) =>
        Period("Period", defaultValue, minimum, "The number of candles in the lookback window.");

    internal static IndicatorParameter Multiplier(double defaultValue, string description, string name = "Multiplier") =>
        new(name, IndicatorParameterType.Number, defaultValue, IndicatorArguments.MinMultiplier, IndicatorArguments.MaxMultiplier, description);

    internal static IndicatorParameter ChoiceOf<TEnum>(string name, TEnum defaultValue, string description)
        where TEnum : struct, Enum
    {
        // Choices are stored by index, so the enum must number its members 0, 1, 2, … in declaration order.
        var names = Enum.GetNames<TEnum>();
        return new IndicatorParameter(
            name,
            IndicatorParameterType.Choice,
            Convert.ToDouble(defaultValue, CultureInfo.InvariantCulture),
            0,
            names.Length - 1,
            description)
        {
            Choices = names,
        };
    }
}
