using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuantPulse.Distributed.Archive;

/// <summary>Registers the archiver role in a host.</summary>
public static class TickArchiverServiceCollectionExtensions
{
    /// <summary>
    /// Runs the archiver in the host (<see cref="TickArchiverService"/>), with <see cref="ArchiverOptions"/> bound from
    /// the section <c>QuantPulse:Distributed:Archiver</c>, and registers <see cref="ArchiverMetrics"/> (export the meter
    /// <see cref="ArchiverMetrics.MeterName"/>). Settings are checked when the host starts: a missing connection
    /// string or a value out of range fails the start with the name of the setting.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the section.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddTickArchiver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ArchiverOptions>()
            .Bind(configuration.GetSection(ArchiverOptions.SectionName))
            .Validate(Valid, $"{ArchiverOptions.SectionName} is invalid: set ConnectionString, and keep the sizes and intervals positive.")
            .ValidateOnStart();
        services.TryAddSingleton<ArchiverMetrics>();
        services.AddHostedService<TickArchiverService>();
        return services;
    }

    private static bool Valid(ArchiverOptions options)
    {
        try
        {
            options.Validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
