using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Databento source (<c>QuantPulse:Sources:Databento</c>).</summary>
public static class DatabentoSourceBuilderExtensions
{
    /// <summary>
    /// Adds the Databento source, configured by <c>QuantPulse:Sources:Databento</c> (off unless <c>Enabled</c> is true).
    /// <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddDatabentoSource(this IQuantPulseBuilder builder)
    {
        builder.AddTickSource<DatabentoSourceFactory, DatabentoSourceHostOptions>("Databento", static (section, options) => section.Bind(options));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabentoSourceHostOptions>, DatabentoSourceHostOptionsValidator>());
        return builder;
    }

    /// <summary>Adds the Databento source and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddDatabentoSource(this IQuantPulseBuilder builder, Action<DatabentoSourceHostOptions> configure)
    {
        builder.AddDatabentoSource().Services.Configure(configure);
        return builder;
    }
}

/// <summary>
/// The checks of <c>QuantPulse:Sources:Databento</c>, made while the source is enabled: the file exists (replay), or
/// the live options are valid and the variable it names holds the API key.
/// </summary>
internal sealed class DatabentoSourceHostOptionsValidator : IValidateOptions<DatabentoSourceHostOptions>
{
    private const string Section = "QuantPulse:Sources:Databento";

    public ValidateOptionsResult Validate(string? name, DatabentoSourceHostOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.IsReplay)
        {
            return System.IO.File.Exists(options.File)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}:File: '{options.File}' does not exist");
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Dataset))
        {
            failures.Add($"{Section}:Dataset: give the dataset of the live gateway (such as XNAS.ITCH), or a File to replay");
        }
        else
        {
            HostOptionChecks.Check(failures, Section, options.ToSourceOptions);
        }

        if (string.IsNullOrWhiteSpace(options.KeyVariable) || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(options.KeyVariable)))
        {
            failures.Add($"{Section}:KeyVariable: the environment variable '{options.KeyVariable}' is not set; the live gateway needs the API key");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
