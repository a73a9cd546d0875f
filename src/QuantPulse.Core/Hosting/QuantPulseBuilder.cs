using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace QuantPulse.Hosting;

internal sealed class QuantPulseBuilder(IServiceCollection services, IConfiguration configuration) : IQuantPulseBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
