using System.Globalization;

namespace QuantPulse.Indicators;

/// <summary>Argument checks shared by the indicator constructors, with the same limits as the catalog.</summary>
internal static class IndicatorArguments
{
    /// <summary>The largest period any indicator accepts.</summary>
    public const int MaxPeriod = 100_000;

    public static void Period(int value, int minimum, string paramName)
    {
        if (value < minimum || value > MaxPeriod)
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, string.Create(CultureInfo.InvariantCulture, $"Must be between {minimum} and {MaxPeriod}."));
        }
    }

    /// <summary>The smallest band multiplier accepted.</summary>
    public const double MinMultiplier = 0.01;

    /// <summary>The largest band multiplier accepted.</summary>
    public const double MaxMultiplier = 10;

    public static void Multiplier(double value, string paramName)
    {
        if (!(value >= MinMultiplier && value <= MaxMultiplier))
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, string.Create(CultureInfo.InvariantCulture, $"Must be between {MinMultiplier} and {MaxMultiplier}."));
        }
    }

    /// <summary>Formats a parameter for names and column names: invariant, shortest round-trip (2, 2.5).</summary>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an integer parameter invariantly.</summary>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
