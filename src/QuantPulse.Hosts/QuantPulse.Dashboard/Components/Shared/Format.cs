using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>How the pages write times, prices, percentages and durations (invariant culture, UTC).</summary>
internal static class Format
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Price(decimal price) => price.ToString(CultureInfo.InvariantCulture);

    /// <summary>A price rounded for display to <paramref name="decimals"/> places; the stored value is not touched.</summary>
    public static string Price(decimal price, int decimals) =>
        Math.Round(price, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Percent(double value, bool signed = true) =>
        value.ToString(signed ? "+0.000;-0.000;0.000" : "0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A trade's result as the API writes it: <c>win</c>, <c>loss</c>, <c>expired</c>, or <c>open</c>.</summary>
    public static string Result(TradeResult? result) => result switch
    {
        TradeResult.Win => "win",
        TradeResult.Loss => "loss",
        TradeResult.Expired => "expired",
        null => "open",
        _ => result.Value.ToString(),
    };

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Duration(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)) switch
    {
        { TotalHours: >= 1 } span => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m"),
        { TotalMinutes: >= 1 } span => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s"),
        var span => string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s"),
    };
}
