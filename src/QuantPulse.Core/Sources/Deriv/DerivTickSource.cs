using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Deriv;

/// <summary>
/// Live ticks of Deriv synthetic indices (<c>R_100</c>, <c>1HZ100V</c>, …) from the Deriv API v3 WebSocket, several
/// symbols on one connection, with warm-up history, keep-alives, reconnects with backoff and gap-free back-fill.
/// </summary>
/// <remarks>
/// <para>
/// On every connection the source sends <c>{"ticks":S,"subscribe":1}</c> for each symbol and, for each symbol that
/// needs it, <c>ticks_history</c> (<c>style: "ticks"</c>, <c>end: "latest"</c>): at start-up the last
/// <see cref="DerivSourceOptions.WarmUpTicks"/> ticks; after a reconnect everything since the epoch of the last tick
/// yielded, paged backwards <see cref="DerivSourceOptions.HistoryPageSize"/> at a time. Live ticks of a symbol that
/// is back-filling are held back and yielded after its history, and every tick whose epoch is not after the last one
/// yielded for its symbol is dropped as a duplicate (Deriv ticks are keyed by symbol and epoch). The ticks a reader
/// sees across any number of reconnects are therefore exactly those of an uninterrupted connection, in order.
/// </para>
/// <para>
/// A symbol Deriv refuses (<c>InvalidSymbol</c>, for example) is reported in <see cref="SymbolFailures"/> and logged;
/// the other symbols go on. If every symbol is refused the stream ends with an <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// Ticks carry the quote as <see cref="Tick.Price"/> (exact, as sent), no size, and <see cref="TickSources.Deriv"/> as
/// source. All timing (keep-alives, stall detection, backoff) uses the given <see cref="TimeProvider"/>.
/// </para>
/// </remarks>
public sealed partial class DerivTickSource : ILiveTickSource, IAsyncDisposable
{
    private const int MaxMessageBytes = 8 * 1024 * 1024;

    private readonly DerivSourceOptions _options;
    private readonly LiveFeed _feed;
    private readonly LiveSourceHost _host;

    /// <summary>Creates a source; nothing connects until <see cref="ReadAsync"/> is enumerated.</summary>
    /// <param name="options">The options (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The clock for keep-alives, timeouts, backoff and validation; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reconnect options contradict each other.</exception>
    public DerivTickSource(DerivSourceOptions options, TimeProvider? timeProvider = null, ILogger<DerivTickSource>? logger = null)
        : this(options, timeProvider, logger, Random.Shared)
    {
    }

    internal DerivTickSource(DerivSourceOptions options, TimeProvider? timeProvider, ILogger? logger, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Reconnect.Validate(nameof(options));
        _options = options;
        Endpoint = DerivRequests.BuildUri(options.Endpoint, options.AppId);
        _feed = new LiveFeed(
            TickSources.Deriv,
            new SymbolTable(options.Symbols),
            options.BufferCapacity,
            options.MaxClockSkew,
            timeProvider ?? TimeProvider.System,
            logger ?? NullLogger.Instance);
        _host = new LiveSourceHost(_feed, options.Reconnect, random, RunSessionAsync);
    }

    /// <summary>The WebSocket URI the source connects to, <c>app_id</c> included.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc />
    public string Name => _feed.Name;

    /// <inheritdoc />
    public TickSourceStatistics Statistics => _feed.Statistics;

    /// <inheritdoc />
    public LiveSourceStatistics ConnectionStatistics => _feed.Connection;

    /// <inheritdoc />
    public ConnectionStatus Status => _feed.Status;

    /// <inheritdoc />
    public IObservable<ConnectionStatus> StatusChanges => _feed.StatusChanges;

    /// <inheritdoc />
    public IReadOnlyList<SymbolFailure> SymbolFailures => _feed.Failures;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The source is already being (or was) read.</exception>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default) => _host.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public DateTimeOffset? GetWatermark(DateTimeOffset now) => _feed.GetWatermark(now);

    /// <summary>Stops the connection if it runs and releases it.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task RunSessionAsync(SessionContext context, CancellationToken cancellationToken)
    {
        context.Endpoint = Endpoint.GetLeftPart(UriPartial.Path);
        _feed.Publish(ConnectionState.Connecting, context.Attempt);
        var connection = await WebSocketConnection.ConnectAsync(
            Endpoint, _options.ConnectTimeout, WebSocket.DefaultKeepAliveInterval, MaxMessageBytes, _feed.Time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            context.ConnectedAt = _feed.Time.GetUtcNow();
            _feed.Connection.RecordConnectionOpened();
            var session = new Session(this, connection, context, cancellationToken);
            using var watchdog = new StallWatchdog(_feed, context, connection, _options.StallTimeout);
            using var keepAlive = _feed.Time.CreateTimer(
                static state => ((Session)state!).SendKeepAlive(), session, _options.PingInterval, _options.PingInterval);
            await session.RunAsync().ConfigureAwait(false);
        }
    }
}
