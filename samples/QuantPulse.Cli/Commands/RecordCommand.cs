using System.Globalization;
using System.Net.WebSockets;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Files;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Binance;
using QuantPulse.Sources.Deriv;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// <c>quantpulse record</c>: writes every tick a live venue sends, once and in order, in the replay format, until
/// <c>--duration</c> elapses or the user interrupts it (Ctrl+C, SIGTERM); both stops are clean and flush the file.
/// </summary>
/// <remarks>
/// The connector does the work: reconnects with backoff, back-fills what a disconnect missed and drops the
/// overlap, so a recording across any number of drops holds exactly the ticks of an uninterrupted connection.
/// The file is written by <see cref="TickRecorder"/> (through the one replay-format writer), which keeps it
/// flushed whenever the feed is idle. Connection trouble is reported on standard error as it happens
/// (<see cref="ConnectionReporter"/>); a run that never got a connection fails.
/// </remarks>
internal sealed class RecordCommand : ICliCommand
{
    private const string SourceOption = "--source";
    private const string Symbols = "--symbols";
    private const string Output = "--output";
    private const string Duration = "--duration";
    private const string Endpoint = "--endpoint";
    private const string RestEndpoint = "--rest-endpoint";
    private const string AppId = "--app-id";
    private const string WarmUp = "--warm-up";
    private const string Deriv = "deriv";
    private const string Binance = "binance";

    public string Name => "record";

    public string Summary => "Record live ticks from Deriv or Binance USD-M futures to a CSV file in the replay format";

    public string Description =>
        "Connects to the venue and writes every tick received, once and in order, as time,symbol,price,size (the\n"
        + "format candles, backtest and the CSV source replay), until --duration elapses or Ctrl+C / SIGTERM; both\n"
        + "stops flush the file and exit 0. Disconnects are retried with backoff and the missed ticks back-filled, so\n"
        + "the file holds the ticks of an uninterrupted session. A one-line summary goes to standard error.";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(SourceOption, "VENUE", "deriv (Deriv API v3 synthetic indices) or binance (Binance USD-M futures aggregate trades)", Required: true),
        new(Symbols, "LIST", "Comma-separated symbols (R_100,R_10 or BTCUSDT,ETHUSDT); may be repeated", Required: true, Repeatable: true),
        new(Output, "PATH", "File to write (replaced if it exists); - for standard output", Required: true),
        new(Duration, "DURATION", "Stop after this long: 500ms, 45s, 10m, 2h", "until Ctrl+C"),
        new(Endpoint, "URL", "WebSocket URL instead of the venue's (deriv: app_id is still appended; binance: the base of /stream?streams=...)", $"{DerivSourceOptions.DefaultEndpoint} or {BinanceSourceOptions.DefaultStreamEndpoint}"),
        new(RestEndpoint, "URL", "binance: REST base for the back-fill of missed trades", BinanceSourceOptions.DefaultRestEndpoint.ToString()),
        new(AppId, "N", "deriv: the application id sent as app_id", Text(DerivSourceOptions.DefaultAppId)),
        new(WarmUp, "N", $"deriv: ticks of history per symbol to record before the live ones, 0-{DerivSourceOptions.MaxHistoryPageSize}", "0"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        var venue = ReadVenue(options.Value(SourceOption)!);
        var symbols = OptionValues.Symbols(Symbols, options.Values(Symbols));
        TimeSpan? duration = options.Value(Duration) is { } d ? OptionValues.Duration(Duration, d) : null;
        var (source, endpoint) = venue == Deriv ? CreateDeriv(options, symbols, console.Clock) : CreateBinance(options, symbols, console.Clock);
        await using var owned = (IAsyncDisposable)source;
        await using var output = OutputTarget.OpenRecording(options.Value(Output)!, console);

        var prefix = $"{CliApp.ToolName} {Name}";
        var reporter = new ConnectionReporter(console.Error, prefix, endpoint);
        var started = console.Clock.GetTimestamp();
        TickRecordingResult result;
        using (source.StatusChanges.Subscribe(reporter))
        {
            try
            {
                result = await new TickRecorder(source, output.Writer, console.Clock).RecordAsync(duration, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or WebSocketException or HttpRequestException)
            {
                // The venue refused every symbol, or the connection failed in a way the connector does not retry.
                throw new IOException($"{source.Name}: {ex.Message}", ex);
            }
        }

        var elapsed = console.Clock.GetElapsedTime(started);
        var connection = source.ConnectionStatistics;
        if (connection.ConnectionsOpened == 0)
        {
            // Stopped before even one attempt finished: a plain cancel. Otherwise the venue was never reached: a failure.
            if (connection.ConnectFailures == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"no connection to {endpoint} in {elapsed.TotalSeconds:0.0} s ({Words.Count(connection.ConnectFailures, "failed attempt")}; last: {reporter.LastReason ?? "none"})"));
        }

        await output.CompleteAsync();
        foreach (var failure in source.SymbolFailures)
        {
            await console.Error.WriteLineAsync($"{prefix}: {source.Name} refused {failure.Symbol} ({failure.Code}: {failure.Message.ReplaceLineEndings(" ")}); the other symbols were recorded");
        }

        await console.Error.WriteLineAsync(Report(source, symbols.Count, result, elapsed, output.Description));
        return ExitCodes.Success;
    }

    private static string ReadVenue(string text) =>
        text.ToLowerInvariant() is Deriv or Binance
            ? text.ToLowerInvariant()
            : throw new UsageException($"{SourceOption}: unknown source '{text}' (use {Deriv} or {Binance})");

    private static (ILiveTickSource Source, Uri Endpoint) CreateDeriv(ParsedOptions options, IReadOnlyList<string> symbols, TimeProvider clock)
    {
        Refuse(options, Deriv, RestEndpoint);
        var settings = Create(() => new DerivSourceOptions
        {
            Symbols = symbols,
            Endpoint = options.Value(Endpoint) is { } e ? OptionValues.Url(Endpoint, e, "ws", "wss") : DerivSourceOptions.DefaultEndpoint,
            AppId = options.Value(AppId) is { } a ? (int)OptionValues.Integer(AppId, a, 1, int.MaxValue) : DerivSourceOptions.DefaultAppId,
            WarmUpTicks = options.Value(WarmUp) is { } w ? (int)OptionValues.Integer(WarmUp, w, 0, DerivSourceOptions.MaxHistoryPageSize) : 0,
        });
        var source = new DerivTickSource(settings, clock);
        return (source, source.Endpoint);
    }

    private static (ILiveTickSource Source, Uri Endpoint) CreateBinance(ParsedOptions options, IReadOnlyList<string> symbols, TimeProvider clock)
    {
        Refuse(options, Binance, AppId, WarmUp);
        if (symbols.Count > BinanceSourceOptions.MaxSymbols)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Symbols}: {symbols.Count} symbols, but Binance allows at most {BinanceSourceOptions.MaxSymbols} on one connection"));
        }

        var settings = Create(() => new BinanceSourceOptions
        {
            Symbols = symbols,
            StreamEndpoint = options.Value(Endpoint) is { } e ? OptionValues.Url(Endpoint, e, "ws", "wss") : BinanceSourceOptions.DefaultStreamEndpoint,
            RestEndpoint = options.Value(RestEndpoint) is { } r ? OptionValues.Url(RestEndpoint, r, "http", "https") : BinanceSourceOptions.DefaultRestEndpoint,
        });
        return (new BinanceFuturesTradeSource(settings, clock), settings.StreamEndpoint);
    }

    private static void Refuse(ParsedOptions options, string venue, params string[] others)
    {
        if (others.FirstOrDefault(options.Has) is { } option)
        {
            throw new UsageException($"{option} does not apply to {SourceOption} {venue}");
        }
    }

    // The options check what the command line has not already (a symbol the venue's rules refuse, for example).
    private static T Create<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static string Report(ILiveTickSource source, int symbols, TickRecordingResult result, TimeSpan elapsed, string destination)
    {
        var connection = source.ConnectionStatistics;
        var reconnects = Math.Max(0, connection.ConnectionsOpened - 1 - connection.Rotations);
        var statistics = source.Statistics;
        var reasons = Enum.GetValues<TickRejection>()
            .Where(r => statistics.Rejected(r) > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r} {statistics.Rejected(r)}"))
            .ToList();
        var rejected = Words.Count(statistics.TotalRejected, "rejected message") + (reasons.Count > 0 ? $" ({string.Join(", ", reasons)})" : string.Empty);
        var stop = result.StopReason switch
        {
            TickRecordingStopReason.DurationElapsed => "duration reached",
            TickRecordingStopReason.Cancelled => "interrupted",
            _ => "the source ended",
        };
        var failures = connection.ConnectFailures > 0 ? ", " + Words.Count(connection.ConnectFailures, "failed connection attempt") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"record: wrote {Words.Count(result.TicksWritten, "tick")} of {Words.Count(symbols, "symbol")} from {source.Name} to {destination} in {elapsed.TotalSeconds:0.0} s ({stop}); {Words.Count(reconnects, "reconnect")}{failures}, {rejected}");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
