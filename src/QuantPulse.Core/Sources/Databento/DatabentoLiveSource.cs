using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Databento;

/// <summary>
/// Live trades from a Databento live gateway (raw TCP protocol, DBN encoding), one tick per trade, with gap-free
/// reconnects through the gateway's intraday replay.
/// </summary>
/// <remarks>
/// <para>
/// Per connection: the gateway sends a greeting line (<c>lsg_version=…</c>) and a challenge (<c>cram=…</c>); the source
/// answers <c>auth=&lt;sha256(cram|key) in hex&gt;-&lt;last 5 characters of the key&gt;|dataset=…|encoding=dbn|ts_out=0|heartbeat_interval_s=…</c>,
/// reads <c>success=1|session_id=…</c> (or <c>success=0|error=…</c>: the key is refused, the source fails with
/// <see cref="InvalidOperationException"/>), sends <c>schema=trades|stype_in=…|symbols=…</c> and <c>start_session</c>,
/// and then reads the DBN stream: the metadata, symbol mappings (instrument id → symbol), trades, heartbeats and
/// errors. The API key is never sent or logged, only its hash and its last five characters.
/// </para>
/// <para>
/// Trades are keyed per symbol by <c>ts_event</c> in nanoseconds. After a drop the subscription asks for
/// <c>start=&lt;the earliest last ts_event over the symbols&gt;</c>, so the gateway replays the gap before going live;
/// the overlap is dropped as duplicates. Until the gateway says the replay is over (a system message about the
/// finished replay, or a heartbeat) the status is <see cref="ConnectionState.Backfilling"/>. A connection silent for
/// <see cref="DatabentoSourceOptions.StallTimeout"/> (heartbeats included) or sending data that is not DBN is dropped
/// and reconnected with back-off.
/// </para>
/// </remarks>
public sealed class DatabentoLiveSource : LiveTickSource
{
    private const int MaxLineLength = 4096;

    private readonly DatabentoSourceOptions _options;

    /// <summary>Creates a source; nothing connects until <see cref="LiveTickSource.ReadAsync"/> is enumerated.</summary>
    /// <param name="options">The options (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and validation; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public DatabentoLiveSource(DatabentoSourceOptions options, TimeProvider? timeProvider = null, ILogger<DatabentoLiveSource>? logger = null)
        : this(options, timeProvider, logger, Random.Shared)
    {
    }

    internal DatabentoLiveSource(DatabentoSourceOptions options, TimeProvider? timeProvider, ILogger? logger, Random random)
        : base(TickSources.Databento, options, timeProvider, logger, random)
    {
        _options = options;
    }

    /// <summary>The session id the gateway gave the last successful authentication, if any.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The answer to a challenge: the SHA-256 of <c>cram|key</c> in lower-case hex, a dash, and the key's last five characters.</summary>
    internal static string AuthResponse(string challenge, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(challenge + "|" + key));
#pragma warning disable CA1308 // The gateway expects lower-case hex.
        return Convert.ToHexString(hash).ToLowerInvariant() + "-" + key[^Math.Min(5, key.Length)..];
#pragma warning restore CA1308
    }

    private string Key()
    {
        var key = _options.Key ?? Environment.GetEnvironmentVariable(_options.KeyVariable);
        return string.IsNullOrWhiteSpace(key)
            ? throw new InvalidOperationException($"{Feed.Name}: no API key: set the environment variable {_options.KeyVariable}.")
            : key.Trim();
    }

    private protected override async Task RunSessionAsync(SessionContext context, CancellationToken cancellationToken)
    {
        var key = Key();
        var host = _options.GatewayHost;
        context.Endpoint = string.Create(CultureInfo.InvariantCulture, $"{host}:{_options.Port}");
        Feed.Publish(ConnectionState.Connecting, context.Attempt);
        using var tcp = new TcpClient { NoDelay = true };
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Feed.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        try
        {
            stall.CancelAfter(_options.ConnectTimeout);
            await tcp.ConnectAsync(host, _options.Port, linked.Token).ConfigureAwait(false);
            context.ConnectedAt = Feed.Time.GetUtcNow();
            Feed.Connection.RecordConnectionOpened();
            var stream = tcp.GetStream();
            var start = await AuthenticateAsync(stream, key, context, linked.Token).ConfigureAwait(false);
            stall.CancelAfter(_options.StallTimeout);
            using var reader = await DbnReader.OpenAsync(stream, TickSources.Databento, linked.Token).ConfigureAwait(false);
            var live = start is null;
            Feed.Publish(live ? ConnectionState.Live : ConnectionState.Backfilling, live ? 0 : context.Attempt);
            if (live)
            {
                context.LiveSince ??= Feed.Time.GetUtcNow();
            }

            while (true)
            {
                stall.CancelAfter(_options.StallTimeout);
                if (await reader.ReadAsync(linked.Token).ConfigureAwait(false) is not { } record)
                {
                    context.EndReason ??= "the gateway closed the connection";
                    return;
                }

                Feed.Connection.RecordMessage();
                if (!live && IsCaughtUp(record))
                {
                    live = true;
                    context.LiveSince ??= Feed.Time.GetUtcNow();
                    Feed.Publish(ConnectionState.Live, 0);
                }

                await HandleAsync(record, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var limit = context.ConnectedAt is null ? _options.ConnectTimeout : _options.StallTimeout;
            context.EndReason ??= FormattableString.Invariant($"nothing received for {limit.TotalSeconds:0.#} s");
            if (context.ConnectedAt is not null)
            {
                Feed.Connection.RecordStall();
            }

            throw new TimeoutException(context.EndReason);
        }
        catch (InvalidDataException ex)
        {
            Feed.Reject(TickRejection.Malformed, ex.Message);
            context.EndReason ??= "the gateway sent data that is not DBN: " + ex.Message;
            throw new IOException(context.EndReason, ex);
        }
        catch (SocketException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    /// <summary>Runs the text exchange up to <c>start_session</c>; returns the replay start asked for, if any.</summary>
    private async Task<long?> AuthenticateAsync(NetworkStream stream, string key, SessionContext context, CancellationToken cancellationToken)
    {
        var greeting = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
        if (!greeting.StartsWith("lsg_version=", StringComparison.Ordinal))
        {
            throw new IOException($"the gateway did not greet with lsg_version=: '{Shorten(greeting)}'");
        }

        var challenge = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
        if (!challenge.StartsWith("cram=", StringComparison.Ordinal))
        {
            throw new IOException($"the gateway sent no cram= challenge: '{Shorten(challenge)}'");
        }

        await WriteLineAsync(
            stream,
            string.Create(
                CultureInfo.InvariantCulture,
                $"auth={AuthResponse(challenge["cram=".Length..], key)}|dataset={_options.Dataset}|encoding=dbn|ts_out=0|heartbeat_interval_s={(int)_options.HeartbeatInterval.TotalSeconds}"),
            cancellationToken).ConfigureAwait(false);
        var reply = Fields(await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false));
        if (!reply.TryGetValue("success", out var success) || success != "1")
        {
            var error = reply.TryGetValue("error", out var text) ? text : "no reason given";
            Log.AuthenticationRefused(Feed.Logger, Feed.Name, error);
            for (var symbol = 0; symbol < Feed.Symbols.Count; symbol++)
            {
                Feed.FailSymbol(symbol, "auth", error);
            }

            throw new InvalidOperationException($"{Feed.Name}: the gateway refused authentication: {error} (check {_options.KeyVariable})");
        }

        SessionId = reply.GetValueOrDefault("session_id");
        Log.Authenticated(Feed.Logger, Feed.Name, SessionId ?? "?");

        // After a drop, ask the gateway to replay from the earliest last trade over the symbols.
        long? start = null;
        for (var symbol = 0; symbol < Feed.Symbols.Count; symbol++)
        {
            if (Feed.LastKey(symbol) is { } last && (start is null || last < start))
            {
                start = last;
            }
        }

        var subscription = $"schema=trades|stype_in={_options.STypeIn}|symbols={string.Join(',', _options.Symbols)}"
            + (start is { } from ? "|start=" + from.ToString(CultureInfo.InvariantCulture) : string.Empty);
        await WriteLineAsync(stream, subscription, cancellationToken).ConfigureAwait(false);
        await WriteLineAsync(stream, "start_session", cancellationToken).ConfigureAwait(false);
        context.EndReason = null;
        return start;
    }

    private static bool IsCaughtUp(in DbnRecord record) =>
        record.Kind == DbnRecordKind.System && record.Text is { } text
        && (text.Contains("heartbeat", StringComparison.OrdinalIgnoreCase)
            || (text.Contains("replay", StringComparison.OrdinalIgnoreCase)
                && (text.Contains("finished", StringComparison.OrdinalIgnoreCase) || text.Contains("complete", StringComparison.OrdinalIgnoreCase))));

    private async ValueTask HandleAsync(DbnRecord record, CancellationToken cancellationToken)
    {
        switch (record.Kind)
        {
            case DbnRecordKind.Trade:
                var symbol = Feed.Symbols.IndexOf(record.Trade.Symbol);
                if (symbol < 0)
                {
                    Feed.Reject(TickRejection.UnknownSymbol, $"{record.Trade.Symbol} (instrument {record.InstrumentId.ToString(CultureInfo.InvariantCulture)}) was not asked for");
                    break;
                }

                await Feed.EmitAsync(symbol, record.Trade, record.TsEvent, cancellationToken).ConfigureAwait(false);
                break;
            case DbnRecordKind.Invalid:
                Feed.Reject(record.Problem, record.Text!);
                break;
            case DbnRecordKind.Error:
                Feed.Connection.RecordServerError();
                Log.GatewayError(Feed.Logger, Feed.Name, record.Text!);
                break;
            default:
                // Symbol mappings are applied by the reader; system messages and other schemas carry no ticks.
                break;
        }
    }

    private static Dictionary<string, string> Fields(string line) =>
        line.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);

    /// <summary>Reads one <c>\n</c>-terminated line byte by byte, so nothing of the DBN stream after it is consumed.</summary>
    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("the gateway closed the connection during authentication");
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            }

            if (bytes.Count >= MaxLineLength)
            {
                throw new IOException($"the gateway sent a control line longer than {MaxLineLength} bytes");
            }

            bytes.Add(one[0]);
        }
    }

    private static async Task WriteLineAsync(NetworkStream stream, string line, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80];
}
