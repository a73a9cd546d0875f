using Microsoft.Extensions.Configuration;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the simulated market (<c>QuantPulse:Sources:Simulated</c>).</summary>
public static class SimulatedSourceBuilderExtensions
{
    /// <summary>
    /// Adds the built-in simulated market, configured by <c>QuantPulse:Sources:Simulated</c> (on unless
    /// <c>Enabled</c> is false). <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddSimulatedSource(this IQuantPulseBuilder builder) =>
        builder.AddBuiltInSource<SimulatedSourceFactory, SimulatedSourceHostOptions>("Simulated", static (section, options) => section.Bind(options), static _ => true, Check);

    /// <summary>Adds the simulated market and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddSimulatedSource(this IQuantPulseBuilder builder, Action<SimulatedSourceHostOptions> configure) =>
        builder.AddSimulatedSource().Configure(configure);

    /// <summary>The checks of the market's options, made whether or not it is enabled.</summary>
    private static void Check(SimulatedSourceHostOptions options, string section, List<string> failures)
    {
        if (options.Volatility is < 0.0001 or > 10.0 || double.IsNaN(options.Volatility))
        {
            failures.Add($"{section}:Volatility must be between 0.0001 and 10.");
        }

        if (options.Decimals is < 0 or > 8)
        {
            failures.Add($"{section}:Decimals must be between 0 and 8.");
        }

        if (options.TickInterval < TimeSpan.FromMilliseconds(1) || options.TickInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:TickInterval must be between 00:00:00.001 and 1.00:00:00.");
        }

        if (options.History < TimeSpan.Zero || options.History > TimeSpan.FromDays(366))
        {
            failures.Add($"{section}:History must be between 00:00:00 and 366.00:00:00.");
        }

        if (options.StartPrice <= 0m)
        {
            failures.Add($"{section}:StartPrice must be positive.");
        }

        var symbols = options.Symbols;
        if (symbols.Any(string.IsNullOrWhiteSpace) || symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Count)
        {
            failures.Add($"{section}:Symbols must be non-empty and distinct.");
        }
    }
}
