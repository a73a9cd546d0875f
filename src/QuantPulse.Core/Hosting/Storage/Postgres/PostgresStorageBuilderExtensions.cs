using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the PostgreSQL store (<c>QuantPulse:Storage:Provider</c> = <c>Postgres</c>).</summary>
public static class PostgresStorageBuilderExtensions
{
    /// <summary>
    /// Adds the PostgreSQL store, selected by <c>QuantPulse:Storage:Provider</c> = <c>Postgres</c>, its database named
    /// by <c>QuantPulse:Storage:ConnectionString</c>. <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddPostgresStorage(this IQuantPulseBuilder builder)
    {
        builder.AddMarketStore<PostgresStoreFactory, PostgresStorageHostOptions>("Postgres", static (section, options) => section.Bind(options));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageHostOptions>, PostgresStorageHostOptionsValidator>());
        return builder;
    }

    /// <summary>Adds the PostgreSQL store and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddPostgresStorage(this IQuantPulseBuilder builder, Action<PostgresStorageHostOptions> configure)
    {
        builder.AddPostgresStorage().Services.Configure(configure);
        return builder;
    }
}

/// <summary>The checks of the PostgreSQL keys, made while storage is enabled with this store selected.</summary>
internal sealed class PostgresStorageHostOptionsValidator : IValidateOptions<PostgresStorageHostOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageHostOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("QuantPulse:Storage:ConnectionString is required for the Postgres provider (set QuantPulse__Storage__ConnectionString).")
            : ValidateOptionsResult.Success;
}
