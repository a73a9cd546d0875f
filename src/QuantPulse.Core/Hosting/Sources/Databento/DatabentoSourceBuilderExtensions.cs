using Microsoft.Extensions.Configuration;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Databento source (<c>QuantPulse:Sources:Databento</c>).</summary>
public static class DatabentoSourceBuilderExtensions
{
    /// <summary>
    /// Adds the Databento source, configured by <c>QuantPulse:Sources:Databento</c> (off unless <c>Enabled</c> is true).
    /// <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddDatabentoSource(this IQuantPulseBuilder builder) =>
        builder.AddBuiltInSource<DatabentoSourceFactory, DatabentoSourceHostOptions>("Databento", static (section, options) => section.Bind(options), static options => options.Enabled, Check);

    /// <summary>Adds the Databento source and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddDatabentoSource(this IQuantPulseBuilder builder, Action<DatabentoSourceHostOptions> configure) =>
        builder.AddDatabentoSource().Configure(configure);

    /// <summary>
    /// The checks made while the source is enabled: the file exists (replay), or the live options are valid and the
    /// variable it names holds the API key.
    /// </summary>
    private static void Check(DatabentoSourceHostOptions options, string section, List<string> failures)
    {
        if (options.IsReplay)
        {
            if (!System.IO.File.Exists(options.File))
            {
                failures.Add($"{section}:File: '{options.File}' does not exist");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(options.Dataset))
        {
            failures.Add($"{section}:Dataset: give the dataset of the live gateway (such as XNAS.ITCH), or a File to replay");
        }
        else
        {
            HostOptionChecks.Check(failures, section, options.ToSourceOptions);
        }

        if (string.IsNullOrWhiteSpace(options.KeyVariable) || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(options.KeyVariable)))
        {
            failures.Add($"{section}:KeyVariable: the environment variable '{options.KeyVariable}' is not set; the live gateway needs the API key");
        }
    }
}
