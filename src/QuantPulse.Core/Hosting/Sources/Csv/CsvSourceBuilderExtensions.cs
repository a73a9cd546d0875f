using Microsoft.Extensions.Configuration;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the replay of a recorded tick file (<c>QuantPulse:Sources:Csv</c>).</summary>
public static class CsvSourceBuilderExtensions
{
    /// <summary>
    /// Adds the replay of a recorded tick file, configured by <c>QuantPulse:Sources:Csv</c> (off unless
    /// <c>Enabled</c> is true). <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddCsvSource(this IQuantPulseBuilder builder) =>
        builder.AddBuiltInSource<CsvSourceFactory, CsvSourceHostOptions>("Csv", static (section, options) => section.Bind(options), static options => options.Enabled, Check);

    /// <summary>Adds the replay of a recorded tick file and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddCsvSource(this IQuantPulseBuilder builder, Action<CsvSourceHostOptions> configure) =>
        builder.AddCsvSource().Configure(configure);

    /// <summary>The checks made while the replay is enabled.</summary>
    private static void Check(CsvSourceHostOptions options, string section, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add($"{section}:Path is required when the CSV source is enabled.");
        }
        else if (!File.Exists(options.Path))
        {
            failures.Add($"{section}:Path: '{options.Path}' does not exist.");
        }

        if (!(options.Speed > 0 && double.IsFinite(options.Speed)))
        {
            failures.Add($"{section}:Speed must be a positive number.");
        }
    }
}
