using System.Globalization;

namespace QuantPulse.Signals;

/// <summary>Formats the numbers in confirmation details: invariant, at most six decimals.</summary>
internal static class Text
{
    public static string Of(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
