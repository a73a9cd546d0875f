using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;

#pragma warning disable IDE0130 // Extension methods for the builder live beside AddQuantPulse, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the embedded SQLite store (<c>QuantPulse:Storage:Provider</c> = <c>Sqlite</c>, the default).</summary>
public static class SqliteStorageBuilderExtensions
{
    /// <summary>
    /// Adds the embedded SQLite store, selected by <c>QuantPulse:Storage:Provider</c> = <c>Sqlite</c> (the default),
    /// its file named by <c>QuantPulse:Storage:Path</c>. <c>AddQuantPulse</c> calls it.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddSqliteStorage(this IQuantPulseBuilder builder)
    {
        builder.AddMarketStore<SqliteStoreFactory, SqliteStorageHostOptions>("Sqlite", static (section, options) => section.Bind(options));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageHostOptions>, SqliteStorageHostOptionsValidator>());
        return builder;
    }

    /// <summary>Adds the embedded SQLite store and configures it in code, after configuration is bound.</summary>
    /// <param name="builder">The builder returned by <c>AddQuantPulse</c>.</param>
    /// <param name="configure">Changes the bound options.</param>
    /// <returns>The builder.</returns>
    public static IQuantPulseBuilder AddSqliteStorage(this IQuantPulseBuilder builder, Action<SqliteStorageHostOptions> configure)
    {
        builder.AddSqliteStorage().Services.Configure(configure);
        return builder;
    }
}

/// <summary>The checks of the SQLite keys, made while storage is enabled with this store selected.</summary>
internal sealed class SqliteStorageHostOptionsValidator : IValidateOptions<SqliteStorageHostOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageHostOptions options) =>
        string.IsNullOrWhiteSpace(options.Path)
            ? ValidateOptionsResult.Fail("QuantPulse:Storage:Path is required for the Sqlite provider.")
            : ValidateOptionsResult.Success;
}
