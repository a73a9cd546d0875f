using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Deriv;

/// <summary>Options of <see cref="DerivTickSource"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="LiveSourceOptions.Symbols"/></term><description>none (required)</description></item>
/// <item><term><see cref="Endpoint"/></term><description><c>wss://ws.derivws.com/websockets/v3</c></description></item>
/// <item><term><see cref="AppId"/></term><description>1089 (Deriv's public test application)</description></item>
/// <item><term><see cref="WarmUpTicks"/></term><description>1000</description></item>
/// <item><term><see cref="HistoryPageSize"/></term><description>5000</description></item>
/// <item><term><see cref="MaxBackfillTicks"/></term><description>50 000</description></item>
/// <item><term><see cref="PingInterval"/></term><description>30 seconds</description></item>
/// <item><term><see cref="StallTimeout"/></term><description>60 seconds</description></item>
/// <item><term><see cref="BackfillTimeout"/></term><description>30 seconds</description></item>
/// <item><term><see cref="LiveSourceOptions.ConnectTimeout"/></term><description>15 seconds</description></item>
/// <item><term><see cref="LiveSourceOptions.BufferCapacity"/></term><description>4096 ticks</description></item>
/// <item><term><see cref="LiveSourceOptions.MaxClockSkew"/></term><description>1 day</description></item>
/// <item><term><see cref="IncludeBidAsk"/></term><description>false</description></item>
/// <item><term><see cref="LiveSourceOptions.Reconnect"/></term><description>see <see cref="ReconnectOptions"/></description></item>
/// </list>
/// </remarks>
public sealed class DerivSourceOptions : LiveSourceOptions
{
    /// <summary>The default API endpoint (the <c>app_id</c> query is appended to it).</summary>
    public static readonly Uri DefaultEndpoint = new("wss://ws.derivws.com/websockets/v3");

    /// <summary>The public application id Deriv documents for testing.</summary>
    public const int DefaultAppId = 1089;

    /// <summary>The largest <c>count</c> Deriv accepts in one <c>ticks_history</c> request.</summary>
    public const int MaxHistoryPageSize = 5000;

    private readonly Uri _endpoint = DefaultEndpoint;
    private readonly int _appId = DefaultAppId;
    private readonly int _warmUpTicks = 1000;
    private readonly int _historyPageSize = MaxHistoryPageSize;
    private readonly int _maxBackfillTicks = 50_000;
    private readonly TimeSpan _pingInterval = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _stallTimeout = TimeSpan.FromSeconds(60);
    private readonly TimeSpan _backfillTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates options with the defaults listed above.</summary>
    public DerivSourceOptions()
        : base(4096)
    {
    }

    /// <summary>
    /// The WebSocket endpoint. The <c>app_id</c> query parameter is always appended from <see cref="AppId"/>
    /// (unless the endpoint already carries one), so a local or proxy endpoint can be given as is.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is not an absolute <c>ws</c> or <c>wss</c> URI.</exception>
    public Uri Endpoint { get => _endpoint; init => _endpoint = OptionChecks.AbsoluteUri(value, nameof(Endpoint), "ws", "wss"); }

    /// <summary>The Deriv application id sent as <c>app_id</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int AppId { get => _appId; init => _appId = OptionChecks.InRange(value, 1, int.MaxValue, nameof(AppId)); }

    /// <summary>How many past ticks per symbol to fetch at start-up, for indicator warm-up (0 for none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="MaxHistoryPageSize"/>.</exception>
    public int WarmUpTicks { get => _warmUpTicks; init => _warmUpTicks = OptionChecks.InRange(value, 0, MaxHistoryPageSize, nameof(WarmUpTicks)); }

    /// <summary>The <c>count</c> of each back-fill request; longer gaps take several requests.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in 1–<see cref="MaxHistoryPageSize"/>.</exception>
    public int HistoryPageSize { get => _historyPageSize; init => _historyPageSize = OptionChecks.InRange(value, 1, MaxHistoryPageSize, nameof(HistoryPageSize)); }

    /// <summary>The most ticks one back-fill fetches per symbol; a longer gap is logged and counted, not filled.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxBackfillTicks { get => _maxBackfillTicks; init => _maxBackfillTicks = OptionChecks.InRange(value, 1, int.MaxValue, nameof(MaxBackfillTicks)); }

    /// <summary>How often to send <c>{"ping":1}</c>, well inside Deriv's two-minute idle timeout.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan PingInterval { get => _pingInterval; init => _pingInterval = OptionChecks.Positive(value, nameof(PingInterval)); }

    /// <summary>
    /// Drop and reconnect when nothing (not even a ping reply) arrived for this long;
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables the check.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither positive nor infinite.</exception>
    public TimeSpan StallTimeout { get => _stallTimeout; init => _stallTimeout = OptionChecks.PositiveOrInfinite(value, nameof(StallTimeout)); }

    /// <summary>How long to wait for a <c>ticks_history</c> answer before going live without it (the gap is counted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan BackfillTimeout { get => _backfillTimeout; init => _backfillTimeout = OptionChecks.Positive(value, nameof(BackfillTimeout)); }

    /// <summary>
    /// Whether live ticks carry Deriv's <c>bid</c> and <c>ask</c>. Off by default: back-filled history has only
    /// quotes, and a recording has neither, so with it off a live run, a reconnected run and a replay see the very
    /// same ticks.
    /// </summary>
    public bool IncludeBidAsk { get; init; }
}
