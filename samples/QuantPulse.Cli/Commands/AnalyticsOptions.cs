using System.Text.Json;
using QuantPulse.Analytics;
using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Commands;

/// <summary>The lag rule and JSON output the analytics commands (<c>adf</c>, <c>pair</c>, <c>pairtest</c>) share.</summary>
internal static class AnalyticsOptions
{
    public const string Lags = "--lags";
    public const string Autolag = "--autolag";
    public const string Column = "--column";

    public static OptionSpec LagsOption { get; } = new(Lags, "N", "Fixed number of lagged differences in the ADF regression");

    public static OptionSpec AutolagOption { get; } = new(Autolag, "aic|bic", "Choose the lags by AIC or BIC (statsmodels adfuller)", "aic");

    /// <summary>The lag criterion and the fixed lag count (or null for the default maximum).</summary>
    public static (LagCriterion Criterion, int? Lags) LagRule(ParsedOptions options, int? maxLag)
    {
        if (options.Value(Lags) is { } lags)
        {
            if (options.Has(Autolag))
            {
                throw new UsageException($"{Lags} and {Autolag} exclude each other");
            }

            return (LagCriterion.Fixed, (int)OptionValues.Integer(Lags, lags, 0, 10_000));
        }

        var criterion = options.Value(Autolag) switch
        {
            null or "aic" => LagCriterion.Aic,
            "bic" => LagCriterion.Bic,
            var other => throw new UsageException($"{Autolag}: '{other}' is not aic or bic"),
        };
        return (criterion, maxLag);
    }

    /// <summary>Runs an analytics computation, turning its refusal of the data into a usage error (exit 2).</summary>
    public static T Compute<T>(string what, Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{what}: {FirstSentence(ex.Message)}");
        }
    }

    /// <summary>Writes a number, or null when it is not finite (τ = −∞ for a perfect fit, an infinite half-life).</summary>
    public static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes <c>"stat","pvalue","lags"</c> and, after <paramref name="extra"/>, <c>"crit"</c>.</summary>
    public static void Test(Utf8JsonWriter json, double statistic, double pvalue, int lags, CriticalValues critical, Action<Utf8JsonWriter>? extra = null)
    {
        Number(json, "stat", statistic);
        Number(json, "pvalue", pvalue);
        json.WriteNumber("lags", lags);
        extra?.Invoke(json);
        json.WriteStartObject("crit");
        Number(json, "1%", critical.OnePercent);
        Number(json, "5%", critical.FivePercent);
        Number(json, "10%", critical.TenPercent);
        json.WriteEndObject();
    }

    /// <summary>Builds one JSON object and prints it on a line of its own.</summary>
    public static async Task PrintAsync(CliConsole console, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        await console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (end >= 0 ? message[..end] : message).TrimEnd('.');
    }
}
