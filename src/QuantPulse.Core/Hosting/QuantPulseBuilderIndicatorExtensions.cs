using QuantPulse.Hosting;
using QuantPulse.Indicators;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Plugs indicators defined outside the library into a QuantPulse host.</summary>
public static class QuantPulseBuilderIndicatorExtensions
{
    /// <summary>
    /// Adds an indicator class that carries its own catalog entry, so configuration can name it under
    /// <c>QuantPulse:Indicators</c> (<c>{ "Id": "MIDPOINT", "Params": { "Period": 10 } }</c>).
    /// </summary>
    /// <typeparam name="TIndicator">The indicator, exposing its <see cref="IIndicatorDefinition.Descriptor"/>.</typeparam>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">Another indicator already has the ID or one of its columns.</exception>
    public static IQuantPulseBuilder AddIndicator<TIndicator>(this IQuantPulseBuilder builder)
        where TIndicator : IIndicatorDefinition =>
        builder.AddIndicator(TIndicator.Descriptor);

    /// <summary>
    /// Adds an indicator's catalog entry (see <see cref="IndicatorCatalog.Register"/>) and registers the descriptor
    /// as a service. Safe to call more than once with the same descriptor.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="descriptor">The indicator's catalog entry.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Another indicator already has the ID or one of its columns.</exception>
    public static IQuantPulseBuilder AddIndicator(this IQuantPulseBuilder builder, IndicatorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(descriptor);
        IndicatorCatalog.Register(descriptor);
        if (!builder.Services.Any(d => d.ServiceType == typeof(IndicatorDescriptor) && ReferenceEquals(d.ImplementationInstance, descriptor)))
        {
            builder.Services.AddSingleton(descriptor);
        }

        return builder;
    }
}
