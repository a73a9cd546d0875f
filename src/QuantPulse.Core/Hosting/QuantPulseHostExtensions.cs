using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Model;

#pragma warning disable IDE0130 // Extension methods for IHost live in its namespace, as Microsoft.Extensions.Hosting's own do.
namespace Microsoft.Extensions.Hosting;
#pragma warning restore IDE0130

/// <summary>Runs a host that called <c>AddQuantPulse</c> and turns how it ended into an exit code.</summary>
public static class QuantPulseHostExtensions
{
    /// <summary>
    /// Checks the <c>QuantPulse</c> configuration, runs the host until it is stopped, and returns the process exit code:
    /// <see cref="QuantPulseExitCodes.Success"/>, <see cref="QuantPulseExitCodes.Failed"/> when the pipeline failed, or
    /// <see cref="QuantPulseExitCodes.InvalidConfiguration"/> when a configuration value is invalid. Each problem is
    /// logged as one line, without a stack trace.
    /// </summary>
    /// <param name="host">The built host.</param>
    /// <param name="cancellationToken">Stops the host, like Ctrl+C.</param>
    /// <returns>The exit code for <c>Main</c> to return.</returns>
    public static async Task<int> RunQuantPulseAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("QuantPulse.Hosting.QuantPulseHost");
        if (!ConfigurationIsValid(host.Services, logger))
        {
            return QuantPulseExitCodes.InvalidConfiguration;
        }

        // Resolved now: running disposes the host's services.
        var status = host.Services.GetService<QuantPulseHostStatus>();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OptionsValidationException ex)
        {
            LogInvalid(logger, ex);
            return QuantPulseExitCodes.InvalidConfiguration;
        }
#pragma warning disable CA1031 // Whatever stopped the host becomes its exit code and one log line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = LogText.Error(ex);
            QuantPulse.Hosting.Log.HostFailed(logger, error);
            return QuantPulseExitCodes.Failed;
        }

        return status?.Failure is null
            ? QuantPulseExitCodes.Success
            : QuantPulseExitCodes.Failed;
    }

    // Binding and validating before the host starts keeps the host from logging the failure with its stack trace.
    private static bool ConfigurationIsValid(IServiceProvider services, ILogger logger)
    {
        if (services.GetService<IOptions<QuantPulseOptions>>() is not { } options)
        {
            return true;
        }

        try
        {
            _ = options.Value;
            return true;
        }
        catch (OptionsValidationException ex)
        {
            LogInvalid(logger, ex);
        }
        catch (InvalidOperationException ex)
        {
            // A value the configuration binder could not convert that the checks did not foresee.
            var error = LogText.Error(ex);
            QuantPulse.Hosting.Log.InvalidConfiguration(logger, error);
        }

        return false;
    }

    private static void LogInvalid(ILogger logger, OptionsValidationException exception)
    {
        foreach (var failure in exception.Failures)
        {
            QuantPulse.Hosting.Log.InvalidConfiguration(logger, failure);
        }
    }
}
