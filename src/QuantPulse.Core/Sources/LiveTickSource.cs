using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources;

/// <summary>
/// What the live sources share: the tick buffer with its statistics, status and watermark, and the life cycle that
/// starts the connection on first read and reconnects with back-off. Each source supplies one connection session.
/// </summary>
public abstract class LiveTickSource : ILiveTickSource, IAsyncDisposable
{
    private readonly LiveSourceHost _host;

    /// <summary>Creates the source's buffer and life cycle from its options.</summary>
    private protected LiveTickSource(string name, LiveSourceOptions options, TimeProvider? timeProvider, ILogger? logger, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Reconnect.Validate(nameof(options));
        Feed = new LiveFeed(
            name,
            new SymbolTable(options.Symbols),
            options.BufferCapacity,
            options.MaxClockSkew,
            timeProvider ?? TimeProvider.System,
            logger ?? NullLogger.Instance);
        _host = new LiveSourceHost(Feed, options.Reconnect, random, RunSessionAsync);
    }

    /// <inheritdoc />
    public string Name => Feed.Name;

    /// <inheritdoc />
    public TickSourceStatistics Statistics => Feed.Statistics;

    /// <inheritdoc />
    public LiveSourceStatistics ConnectionStatistics => Feed.Connection;

    /// <inheritdoc />
    public ConnectionStatus Status => Feed.Status;

    /// <inheritdoc />
    public IObservable<ConnectionStatus> StatusChanges => Feed.StatusChanges;

    /// <inheritdoc />
    public IReadOnlyList<SymbolFailure> SymbolFailures => Feed.Failures;

    /// <summary>The buffer the session feeds: symbols, statistics, status, rejections.</summary>
    private protected LiveFeed Feed { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The source is already being (or was) read.</exception>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default) => _host.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public DateTimeOffset? GetWatermark(DateTimeOffset now) => Feed.GetWatermark(now);

    /// <summary>Stops the connection if it runs and releases it.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
        DisposeResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>One connection session: connect, subscribe, back-fill, feed ticks until the connection ends.</summary>
    private protected abstract Task RunSessionAsync(SessionContext context, CancellationToken cancellationToken);

    /// <summary>Releases what the source owns besides its connection, after the connection has stopped.</summary>
    private protected virtual void DisposeResources()
    {
    }
}
