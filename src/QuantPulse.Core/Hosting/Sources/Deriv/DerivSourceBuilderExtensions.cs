using Microsoft.Extensions.Configuration;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Deriv API v3 tick feed (<c>QuantPulse:Sources:Deriv</c>).</summary>
public static class DerivSourceBuilderExtensions
{
    /// <summary>
    /// Adds the Deriv API v3 tick feed, configured by <c>QuantPulse:Sources:Deriv</c> (off unless <c>Enabled</c> is true).
    /// <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddDerivSource(this IQuantPulseBuilder builder) =>
        builder.AddBuiltInSource<DerivSourceFactory, DerivSourceHostOptions>("Deriv", static (section, options) => section.Bind(options), static options => options.Enabled, Check);

    /// <summary>Adds the Deriv API v3 tick feed and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddDerivSource(this IQuantPulseBuilder builder, Action<DerivSourceHostOptions> configure) =>
        builder.AddDerivSource().Configure(configure);

    /// <summary>The checks made while the feed is enabled: those of its source options.</summary>
    private static void Check(DerivSourceHostOptions options, string section, List<string> failures) =>
        HostOptionChecks.Check(failures, section, options.ToSourceOptions);
}
