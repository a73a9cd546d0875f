using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace QuantPulse.Hosting;

/// <summary>Returned by <c>AddQuantPulse</c>: the place where connectors, strategies and storage plug in.</summary>
public interface IQuantPulseBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }

    /// <summary>The configuration root the <c>QuantPulse</c> section is read from.</summary>
    IConfiguration Configuration { get; }
}
