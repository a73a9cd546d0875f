using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Databento;

/// <summary>Options of <see cref="DatabentoLiveSource"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="Dataset"/></term><description>none (required), such as <c>XNAS.ITCH</c> or <c>GLBX.MDP3</c></description></item>
/// <item><term><see cref="LiveSourceOptions.Symbols"/></term><description>none (required)</description></item>
/// <item><term><see cref="STypeIn"/></term><description><c>raw_symbol</c></description></item>
/// <item><term><see cref="Gateway"/></term><description>the dataset's gateway, <c>{dataset with '.' → '-', lower-case}.lsg.databento.com</c></description></item>
/// <item><term><see cref="Port"/></term><description>13000</description></item>
/// <item><term><see cref="Key"/></term><description>read from the variable <see cref="KeyVariable"/> (<c>DATABENTO_API_KEY</c>)</description></item>
/// <item><term><see cref="HeartbeatInterval"/></term><description>30 seconds (the gateway's default; 5 s – 30 min)</description></item>
/// <item><term><see cref="StallTimeout"/></term><description>three heartbeat intervals</description></item>
/// <item><term><see cref="LiveSourceOptions.ConnectTimeout"/></term><description>15 seconds</description></item>
/// <item><term><see cref="LiveSourceOptions.BufferCapacity"/></term><description>16 384 ticks</description></item>
/// <item><term><see cref="LiveSourceOptions.MaxClockSkew"/></term><description>1 day</description></item>
/// <item><term><see cref="LiveSourceOptions.Reconnect"/></term><description>see <see cref="ReconnectOptions"/></description></item>
/// </list>
/// </remarks>
public sealed class DatabentoSourceOptions : LiveSourceOptions
{
    /// <summary>The gateway port.</summary>
    public const int DefaultPort = 13_000;

    /// <summary>The environment variable holding the API key by default.</summary>
    public const string DefaultKeyVariable = "DATABENTO_API_KEY";

    private readonly string _dataset = string.Empty;
    private readonly int _port = DefaultPort;
    private readonly TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(30);
    private readonly TimeSpan? _stallTimeout;

    /// <summary>Creates options with the defaults listed above.</summary>
    public DatabentoSourceOptions()
        : base(16_384)
    {
    }

    /// <summary>The dataset code, such as <c>XNAS.ITCH</c>.</summary>
    /// <exception cref="ArgumentException">The code is blank.</exception>
    public required string Dataset
    {
        get => _dataset;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Dataset));
            _dataset = value.Trim();
        }
    }

    /// <summary>The input symbology: <c>raw_symbol</c>, <c>parent</c>, <c>continuous</c> or <c>instrument_id</c>.</summary>
    public string STypeIn { get; init; } = "raw_symbol";

    /// <summary>The gateway host; null derives it from the dataset.</summary>
    public string? Gateway { get; init; }

    /// <summary>The gateway port.</summary>
    public int Port { get => _port; init => _port = OptionChecks.InRange(value, 1, 65_535, nameof(Port)); }

    /// <summary>The API key; null reads <see cref="KeyVariable"/> when the source starts.</summary>
    public string? Key { get; init; }

    /// <summary>The environment variable the key is read from when <see cref="Key"/> is null.</summary>
    public string KeyVariable { get; init; } = DefaultKeyVariable;

    /// <summary>How often the gateway sends a heartbeat when nothing else is sent (5 s – 30 min).</summary>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromSeconds(5), nameof(HeartbeatInterval));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(30), nameof(HeartbeatInterval));
            _heartbeatInterval = TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
        }
    }

    /// <summary>A connection on which nothing (not even a heartbeat) arrived for this long is dropped.</summary>
    public TimeSpan StallTimeout { get => _stallTimeout ?? (3 * _heartbeatInterval); init => _stallTimeout = OptionChecks.PositiveOrInfinite(value, nameof(StallTimeout)); }

    /// <summary>The gateway host for <see cref="Dataset"/>: <c>XNAS.ITCH</c> → <c>xnas-itch.lsg.databento.com</c>.</summary>
    internal string GatewayHost =>
#pragma warning disable CA1308 // Host names are lower-case by convention; this is not a comparison.
        Gateway ?? Dataset.Replace('.', '-').ToLowerInvariant() + ".lsg.databento.com";
#pragma warning restore CA1308
}
