using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the replay of a recorded tick file (<c>QuantPulse:Sources:Csv</c>).</summary>
public static class CsvSourceBuilderExtensions
{
    /// <summary>
    /// Adds the replay of a recorded tick file, configured by <c>QuantPulse:Sources:Csv</c> (off unless
    /// <c>Enabled</c> is true). <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddCsvSource(this IQuantPulseBuilder builder)
    {
        builder.AddTickSource<CsvSourceFactory, CsvSourceHostOptions>("Csv", static (section, options) => section.Bind(options));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CsvSourceHostOptions>, CsvSourceHostOptionsValidator>());
        return builder;
    }

    /// <summary>Adds the replay of a recorded tick file and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddCsvSource(this IQuantPulseBuilder builder, Action<CsvSourceHostOptions> configure)
    {
        builder.AddCsvSource().Services.Configure(configure);
        return builder;
    }
}

/// <summary>The checks of <c>QuantPulse:Sources:Csv</c>, made while the replay is enabled.</summary>
internal sealed class CsvSourceHostOptionsValidator : IValidateOptions<CsvSourceHostOptions>
{
    public ValidateOptionsResult Validate(string? name, CsvSourceHostOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("QuantPulse:Sources:Csv:Path is required when the CSV source is enabled.");
        }
        else if (!File.Exists(options.Path))
        {
            failures.Add($"QuantPulse:Sources:Csv:Path: '{options.Path}' does not exist.");
        }

        if (!(options.Speed > 0 && double.IsFinite(options.Speed)))
        {
            failures.Add("QuantPulse:Sources:Csv:Speed must be a positive number.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
