using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources;

/// <summary>
/// The options every live source has: its symbols, how long a connection may take to open, how far it buffers ahead
/// of its reader, how far ahead of the clock a tick may be, and how it reconnects. Each source's options add their own.
/// </summary>
public abstract class LiveSourceOptions
{
    private readonly IReadOnlyList<string> _symbols = [];
    private readonly TimeSpan _connectTimeout = TimeSpan.FromSeconds(15);
    private readonly int _bufferCapacity;
    private readonly TimeSpan _maxClockSkew = TickValidator.DefaultMaxClockSkew;
    private readonly ReconnectOptions _reconnect = new();

    /// <summary>Creates options with the source's own default buffer capacity.</summary>
    private protected LiveSourceOptions(int defaultBufferCapacity) => _bufferCapacity = defaultBufferCapacity;

    /// <summary>The symbols, in the venue's notation (each source's options say how it spells and limits them).</summary>
    /// <exception cref="ArgumentException">The list is empty, or has a blank or duplicate symbol.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The list has more symbols than the venue allows on one connection.</exception>
    public required IReadOnlyList<string> Symbols { get => _symbols; init => _symbols = NormalizeSymbols(OptionChecks.Symbols(value, nameof(Symbols))); }

    /// <summary>How long opening the connection (the WebSocket or TCP handshake) may take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan ConnectTimeout { get => _connectTimeout; init => _connectTimeout = OptionChecks.Positive(value, nameof(ConnectTimeout)); }

    /// <summary>How many ticks the source buffers ahead of its reader before the receive loop waits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int BufferCapacity { get => _bufferCapacity; init => _bufferCapacity = OptionChecks.InRange(value, 1, int.MaxValue, nameof(BufferCapacity)); }

    /// <summary>How far ahead of the clock a tick time may be before it is rejected as impossible.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaxClockSkew { get => _maxClockSkew; init => _maxClockSkew = OptionChecks.NotNegative(value, nameof(MaxClockSkew)); }

    /// <summary>The reconnect policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Its maximum delay is shorter than its initial delay.</exception>
    public ReconnectOptions Reconnect
    {
        get => _reconnect;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate(nameof(Reconnect));
            _reconnect = value;
        }
    }

    /// <summary>The source's own rule for checked symbols (a limit, a spelling); the list as given by default.</summary>
    private protected virtual IReadOnlyList<string> NormalizeSymbols(IReadOnlyList<string> symbols) => symbols;
}
