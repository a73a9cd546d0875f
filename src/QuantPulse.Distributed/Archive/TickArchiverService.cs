using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Archive;

/// <summary>
/// Runs a <see cref="TickArchiver"/> for the lifetime of the host, on the registered
/// <see cref="IConnectionMultiplexer"/> or, when there is none, on a connection of its own to
/// <see cref="ArchiverOptions.Redis"/>. Registered by <see cref="TickArchiverServiceCollectionExtensions.AddTickArchiver"/>.
/// </summary>
public sealed class TickArchiverService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly ArchiverOptions _options;
    private readonly ArchiverMetrics _metrics;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates the service.</summary>
    /// <param name="services">Resolves an <see cref="IConnectionMultiplexer"/> if one is registered.</param>
    /// <param name="options">The archiver's settings.</param>
    /// <param name="metrics">The archiver's instruments.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TickArchiverService(IServiceProvider services, IOptions<ArchiverOptions> options, ArchiverMetrics metrics, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _services = services;
        _options = options.Value;
        _metrics = metrics;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The running archiver (null before the host started it).</summary>
    public TickArchiver? Archiver { get; private set; }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shared = _services.GetService<IConnectionMultiplexer>();
        var own = shared is null ? await ConnectionMultiplexer.ConnectAsync(_options.Redis + ",abortConnect=false").ConfigureAwait(false) : null;
        try
        {
            Archiver = new TickArchiver(shared ?? own!, _options, _metrics, _loggerFactory);
            await Archiver.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
