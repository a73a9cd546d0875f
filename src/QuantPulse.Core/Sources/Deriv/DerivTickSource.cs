using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
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
/// A symbol Deriv refuses (<c>InvalidSymbol</c>, for example) is reported in <see cref="LiveTickSource.SymbolFailures"/> and logged;
/// the other symbols go on. If every symbol is refused the stream ends with an <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// Ticks carry the quote as <see cref="Tick.Price"/> (exact, as sent), no size, and <see cref="TickSources.Deriv"/> as
/// source. All timing (keep-alives, stall detection, backoff) uses the given <see cref="TimeProvider"/>.
/// </para>
/// </remarks>
public sealed partial class DerivTickSource : LiveTickSource
{
    private const int MaxMessageBytes = 8 * 1024 * 1024;

    private readonly DerivSourceOptions _options;

    /// <summary>Creates a source; nothing connects until <see cref="LiveTickSource.ReadAsync"/> is enumerated.</summary>
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
        : base(TickSources.Deriv, options, timeProvider, logger, random)
    {
        _options = options;
        Endpoint = DerivRequests.BuildUri(options.Endpoint, options.AppId);
    }

    /// <summary>The WebSocket URI the source connects to, <c>app_id</c> included.</summary>
    public Uri Endpoint { get; }

    private protected override async Task RunSessionAsync(SessionContext context, CancellationToken cancellationToken)
    {
        context.Endpoint = Endpoint.GetLeftPart(UriPartial.Path);
        Feed.Publish(ConnectionState.Connecting, context.Attempt);
        var connection = await WebSocketConnection.ConnectAsync(
            Endpoint, _options.ConnectTimeout, WebSocket.DefaultKeepAliveInterval, MaxMessageBytes, Feed.Time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            context.ConnectedAt = Feed.Time.GetUtcNow();
            Feed.Connection.RecordConnectionOpened();
            var session = new Session(this, connection, context, cancellationToken);
            using var watchdog = new StallWatchdog(Feed, context, connection, _options.StallTimeout);
            using var keepAlive = Feed.Time.CreateTimer(
                static state => ((Session)state!).SendKeepAlive(), session, _options.PingInterval, _options.PingInterval);
            await session.RunAsync().ConfigureAwait(false);
        }
    }
}
