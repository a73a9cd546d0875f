using Microsoft.Extensions.Configuration;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Binance USD-M futures trade feed (<c>QuantPulse:Sources:Binance</c>).</summary>
public static class BinanceSourceBuilderExtensions
{
    /// <summary>
    /// Adds the Binance USD-M futures trade feed, configured by <c>QuantPulse:Sources:Binance</c> (off unless <c>Enabled</c> is true).
    /// <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddBinanceSource(this IQuantPulseBuilder builder) =>
        builder.AddBuiltInSource<BinanceSourceFactory, BinanceSourceHostOptions>("Binance", static (section, options) => section.Bind(options), static options => options.Enabled, Check);

    /// <summary>Adds the Binance USD-M futures trade feed and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddBinanceSource(this IQuantPulseBuilder builder, Action<BinanceSourceHostOptions> configure) =>
        builder.AddBinanceSource().Configure(configure);

    /// <summary>The checks made while the feed is enabled: those of its source options.</summary>
    private static void Check(BinanceSourceHostOptions options, string section, List<string> failures) =>
        HostOptionChecks.Check(failures, section, options.ToSourceOptions);
}
