using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>
/// Binds the <c>QuantPulse</c> section. Values that cannot become their option's type are left out of the binding
/// and recorded, so validation reports each of them by key, together with every other invalid value.
/// </summary>
internal sealed class QuantPulseOptionsBinder(IConfiguration configuration) : IConfigureOptions<QuantPulseOptions>
{
    public void Configure(QuantPulseOptions options)
    {
        var section = configuration.GetSection(QuantPulseOptions.SectionName);
        var problems = ConfigurationCheck.Find<QuantPulseOptions>(section);
        options.ConfigurationErrors.AddRange(problems.Select(p => p.Message));
        ConfigurationCheck.WithoutProblems(section, problems).Bind(options);
    }
}
