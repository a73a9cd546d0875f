using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for IServiceCollection live in its namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers QuantPulse in a host.</summary>
public static class QuantPulseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the QuantPulse pipeline: options bound from the <c>QuantPulse</c> section and validated at start,
    /// the built-in sources (<c>AddSimulatedSource</c>, <c>AddCsvSource</c>, <c>AddDerivSource</c>,
    /// <c>AddBinanceSource</c> — each switched on by configuration) and stores (<c>AddSqliteStorage</c>,
    /// <c>AddPostgresStorage</c> — one selected by <c>QuantPulse:Storage:Provider</c>), the indicator, signal,
    /// simulator and storage stages, the <see cref="QuantPulseRuntime"/> and a hosted service that runs it. Safe to
    /// call more than once. Run the host with <c>RunQuantPulseAsync</c> for honest exit codes; the JSON console log
    /// formatter, when used, writes characters such as <c>+</c> and <c>'</c> unescaped.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root holding the <c>QuantPulse</c> section.</param>
    /// <returns>A builder for connectors, strategies and storage.</returns>
    public static IQuantPulseBuilder AddQuantPulse(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!services.Any(d => d.ServiceType == typeof(QuantPulseRuntime)))
        {
            services.AddOptions<QuantPulseOptions>().ValidateOnStart();
            services.AddSingleton<IConfigureOptions<QuantPulseOptions>>(new QuantPulseOptionsBinder(configuration));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuantPulseOptions>, KeyedAnnotationsValidator>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<QuantPulseOptions>, QuantPulseOptionsDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuantPulseOptions>, QuantPulseOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMarketStoreProvider, MarketStoreProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, IndicatorContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, SignalContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, SimulatorContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, StorageContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, LiveMarketStateContributor>());
        services.TryAddSingleton<AlertService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, AlertService>(sp => sp.GetRequiredService<AlertService>()));
        services.TryAddSingleton<LiveMarketState>();
        services.TryAddSingleton<MarketQueries>();
        services.TryAddSingleton<SourceMonitor>();
        services.TryAddSingleton<ManualTrades>();
        services.TryAddSingleton<QuantPulseMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineContributor, QuantPulseMetrics>(sp => sp.GetRequiredService<QuantPulseMetrics>()));
        services.TryAddSingleton<QuantPulseRuntime>();
        services.TryAddSingleton<QuantPulseHostStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QuantPulseWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JsonConsoleFormatterOptions>, RelaxedJsonConsoleEncoding>());

        // The built-in sources and stores, each a plug-in that owns its options (see docs/architecture.md).
        return new QuantPulseBuilder(services, configuration)
            .AddSimulatedSource()
            .AddCsvSource()
            .AddDerivSource()
            .AddBinanceSource()
            .AddAlpacaSource()
            .AddDatabentoSource()
            .AddSqliteStorage()
            .AddPostgresStorage();
    }
}
