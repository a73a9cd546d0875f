using Microsoft.Extensions.Configuration;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Alpaca market data trade feed (<c>QuantPulse:Sources:Alpaca</c>).</summary>
public static class AlpacaSourceBuilderExtensions
{
    /// <summary>
    /// Adds the Alpaca market data trade feed, configured by <c>QuantPulse:Sources:Alpaca</c> (off unless <c>Enabled</c> is true).
    /// <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddAlpacaSource(this IQuantPulseBuilder builder) =>
        builder.AddBuiltInSource<AlpacaSourceFactory, AlpacaSourceHostOptions>("Alpaca", static (section, options) => section.Bind(options), static options => options.Enabled, Check);

    /// <summary>Adds the Alpaca market data trade feed and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddAlpacaSource(this IQuantPulseBuilder builder, Action<AlpacaSourceHostOptions> configure) =>
        builder.AddAlpacaSource().Configure(configure);

    /// <summary>The checks made while the feed is enabled: those of its source options, and that the variables it names hold the API key.</summary>
    private static void Check(AlpacaSourceHostOptions options, string section, List<string> failures)
    {
        HostOptionChecks.Check(failures, section, options.ToSourceOptions);
        foreach (var (key, variable) in (ReadOnlySpan<(string, string)>)[("KeyIdVariable", options.KeyIdVariable), ("SecretKeyVariable", options.SecretKeyVariable)])
        {
            if (string.IsNullOrWhiteSpace(variable) || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
            {
                failures.Add($"{section}:{key}: the environment variable '{variable}' is not set; Alpaca needs the API key id and secret");
            }
        }
    }
}
