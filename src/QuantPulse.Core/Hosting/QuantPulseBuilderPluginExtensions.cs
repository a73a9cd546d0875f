using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Plugs tick sources and stores, built in or defined outside the library, into a QuantPulse host.</summary>
/// <remarks>
/// A plug-in owns its options: they are bound from its own section (<c>QuantPulse:Sources:&lt;Name&gt;</c> for a
/// source, <c>QuantPulse:Storage</c> for a store), every value that cannot become its option's type is reported by
/// key, and the failures of its <see cref="IValidateOptions{TOptions}"/> are reported at start together with every
/// other invalid value of the <c>QuantPulse</c> section. Each method is safe to call more than once.
/// </remarks>
public static class QuantPulseBuilderPluginExtensions
{
    private const DynamicallyAccessedMemberTypes OptionMembers =
        DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    /// <summary>
    /// Adds a tick source: <typeparamref name="TOptions"/> bound from <c>QuantPulse:Sources:<paramref name="name"/></c>
    /// with <paramref name="bind"/> and <typeparamref name="TFactory"/> registered as an <see cref="ITickSourceFactory"/>.
    /// </summary>
    /// <typeparam name="TFactory">Creates the source; takes <c>IOptions&lt;TOptions&gt;</c> in its constructor.</typeparam>
    /// <typeparam name="TOptions">The source's host options.</typeparam>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="name">The section under <c>QuantPulse:Sources</c>, such as <c>Deriv</c>.</param>
    /// <param name="bind">Binds the section to the options (<c>(section, options) =&gt; section.Bind(options)</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IQuantPulseBuilder AddTickSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory, [DynamicallyAccessedMembers(OptionMembers)] TOptions>(
        this IQuantPulseBuilder builder, string name, Action<IConfiguration, TOptions> bind)
        where TFactory : class, ITickSourceFactory
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(bind);
        builder.AddPluginOptions($"{QuantPulseOptions.SectionName}:Sources:{name}", bind, static _ => true);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITickSourceFactory, TFactory>());
        return builder;
    }

    /// <summary>
    /// Adds a store that <c>QuantPulse:Storage:Provider</c> selects by <paramref name="name"/>:
    /// <typeparamref name="TOptions"/> bound from <c>QuantPulse:Storage</c> with <paramref name="bind"/> (validated
    /// only while storage is enabled and the store selected) and <typeparamref name="TFactory"/> registered as an
    /// <see cref="IMarketStoreFactory"/>.
    /// </summary>
    /// <typeparam name="TFactory">Opens the store; takes <c>IOptions&lt;TOptions&gt;</c> in its constructor.</typeparam>
    /// <typeparam name="TOptions">The store's host options (its own keys of the <c>QuantPulse:Storage</c> section).</typeparam>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="name">The provider name, such as <c>Sqlite</c> (matched in any case).</param>
    /// <param name="bind">Binds the section to the options (<c>(section, options) =&gt; section.Bind(options)</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IQuantPulseBuilder AddMarketStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory, [DynamicallyAccessedMembers(OptionMembers)] TOptions>(
        this IQuantPulseBuilder builder, string name, Action<IConfiguration, TOptions> bind)
        where TFactory : class, IMarketStoreFactory
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(bind);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(MarketStoreRegistration) && d.ImplementationInstance is MarketStoreRegistration r && r.FactoryType == typeof(TFactory)))
        {
            services.AddSingleton(new MarketStoreRegistration(name, typeof(TFactory)));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMarketStoreFactory, TFactory>());
        return builder.AddPluginOptions(
            $"{QuantPulseOptions.SectionName}:Storage",
            bind,
            root => root.Storage.Enabled && string.Equals(root.Storage.Provider, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A built-in source: <see cref="AddTickSource"/> and the checks of its options, made while
    /// <paramref name="enabled"/> says it runs, each failure one line under <c>QuantPulse:Sources:<paramref name="name"/></c>.
    /// </summary>
    internal static IQuantPulseBuilder AddBuiltInSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory, [DynamicallyAccessedMembers(OptionMembers)] TOptions>(
        this IQuantPulseBuilder builder,
        string name,
        Action<IConfiguration, TOptions> bind,
        Func<TOptions, bool> enabled,
        Action<TOptions, string, List<string>> check)
        where TFactory : class, ITickSourceFactory
        where TOptions : class
    {
        builder.AddTickSource<TFactory, TOptions>(name, bind);
        var validator = new SourceOptionsValidator<TOptions>($"{QuantPulseOptions.SectionName}:Sources:{name}", enabled, check);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(validator));
        return builder;
    }

    /// <summary>Changes a plug-in's options in code, after configuration is bound.</summary>
    internal static IQuantPulseBuilder Configure<TOptions>(this IQuantPulseBuilder builder, Action<TOptions> configure)
        where TOptions : class
    {
        builder.Services.Configure(configure);
        return builder;
    }

    private static IQuantPulseBuilder AddPluginOptions<[DynamicallyAccessedMembers(OptionMembers)] TOptions>(
        this IQuantPulseBuilder builder,
        string key,
        Action<IConfiguration, TOptions> bind,
        Func<QuantPulseOptions, bool> applies)
        where TOptions : class
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(PluginSection<TOptions>)))
        {
            return builder;
        }

        var section = new PluginSection<TOptions>(builder.Configuration, key, bind);
        services.AddOptions<TOptions>();
        services.AddSingleton(section);
        services.AddSingleton<IConfigureOptions<TOptions>>(section);
        services.AddSingleton<IValidateOptions<QuantPulseOptions>>(sp =>
            new PluginOptionsValidator<TOptions>(section, sp.GetRequiredService<IOptions<TOptions>>(), applies));
        return builder;
    }
}
