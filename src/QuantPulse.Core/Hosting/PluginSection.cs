using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace QuantPulse.Hosting;

/// <summary>
/// Binds a plug-in's options from its own configuration section, checked as the <c>QuantPulse</c> section is: values
/// that cannot become their option's type are left out of the binding and reported by key at start.
/// </summary>
/// <typeparam name="TOptions">The plug-in's host options.</typeparam>
internal sealed class PluginSection<[DynamicallyAccessedMembers(ConfigurationCheck.Properties)] TOptions>(
    IConfiguration configuration,
    string key,
    Action<IConfiguration, TOptions> bind) : IConfigureOptions<TOptions>
    where TOptions : class
{
    /// <summary>The section's full key, such as <c>QuantPulse:Sources:Deriv</c>.</summary>
    public string Key => key;

    public void Configure(TOptions options) =>
        bind(ConfigurationCheck.WithoutProblems(configuration.GetSection(key), Problems()), options);

    /// <summary>The values that cannot become their option's type.</summary>
    public IReadOnlyList<ConfigurationCheck.Problem> Problems() => ConfigurationCheck.Find<TOptions>(configuration.GetSection(key));
}

/// <summary>
/// Reports a plug-in's configuration problems and the failures of its own <see cref="IValidateOptions{TOptions}"/>
/// together with every other invalid value of the <c>QuantPulse</c> section, so the host lists them all at start.
/// </summary>
/// <typeparam name="TOptions">The plug-in's host options (made by <see cref="IOptions{TOptions}"/>, hence its constructor).</typeparam>
internal sealed class PluginOptionsValidator<[DynamicallyAccessedMembers(ConfigurationCheck.Properties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
    PluginSection<TOptions> section,
    IOptions<TOptions> options,
    Func<QuantPulseOptions, bool> applies) : IValidateOptions<QuantPulseOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, QuantPulseOptions root)
    {
        var failures = section.Problems().Select(p => p.Message).ToList();
        if (applies(root))
        {
            try
            {
                _ = options.Value;
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
