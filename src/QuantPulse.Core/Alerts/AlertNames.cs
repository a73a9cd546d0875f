using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Alerts;

/// <summary>The snake_case names of conditions, frequencies and delivery states, as JSON, configuration and the database spell them.</summary>
public static class AlertNames
{
    private static readonly string[] Conditions =
        ["greater_than", "less_than", "crossing", "crossing_up", "crossing_down", "moving_up_pct", "moving_down_pct", "volume_spike", "pair_zscore"];

    private static readonly string[] Frequencies = ["once", "once_per_bar", "every_time"];

    private static readonly string[] Deliveries = ["none", "pending", "delivered", "failed"];

    /// <summary>Every condition name, in declaration order.</summary>
    public static IReadOnlyList<string> ConditionNames => Conditions;

    /// <summary>Every frequency name, in declaration order.</summary>
    public static IReadOnlyList<string> FrequencyNames => Frequencies;

    /// <summary>The name of a condition.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Of(AlertCondition condition) => Conditions[(int)condition];

    /// <summary>The name of a frequency.</summary>
    /// <param name="frequency">The frequency.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Of(AlertFrequency frequency) => Frequencies[(int)frequency];

    /// <summary>The name of a delivery state.</summary>
    /// <param name="delivery">The state.</param>
    /// <returns>Its snake_case name.</returns>
    public static string Of(AlertDelivery delivery) => Deliveries[(int)delivery];

    /// <summary>Reads a condition name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="condition">The condition.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out AlertCondition condition) => TryFind(Conditions, text, out condition);

    /// <summary>Reads a frequency name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="frequency">The frequency.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out AlertFrequency frequency) => TryFind(Frequencies, text, out frequency);

    /// <summary>Reads a delivery state name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <param name="delivery">The state.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out AlertDelivery delivery) => TryFind(Deliveries, text, out delivery);

    private static bool TryFind<T>(string[] names, string? text, out T value)
        where T : struct, Enum
    {
        var index = text is null ? -1 : Array.FindIndex(names, n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = index >= 0 ? (T)(object)index : default;
        return index >= 0;
    }
}
