using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Indicators;

/// <summary>
/// The indicators that configuration, <see cref="IndicatorSpec"/> and the CLI can name, by stable ID: the built-in
/// ones (<c>EMA</c>, <c>SMA</c>, <c>SMMA</c>, <c>RSI</c>, <c>ATR</c>, <c>TR</c>, <c>MACD</c>, <c>BB</c>, <c>STDEV</c>,
/// <c>HA</c>, <c>SUPERTREND</c>, <c>ATR-STOP</c>, <c>ADX</c>, <c>STOCH</c>, <c>CCI</c>, <c>WILLR</c>, <c>OBV</c>,
/// <c>VWAP</c>, <c>DONCHIAN</c>, <c>KELTNER</c>) and any registered with <see cref="Register"/>.
/// </summary>
/// <remarks>
/// IDs never change meaning once published. Lookups ignore case. The catalog is process-wide, like the IDs it
/// holds: a registration is seen by every later lookup. Thread-safe (lookups read an immutable snapshot).
/// </remarks>
public static class IndicatorCatalog
{
    private static readonly Lock Gate = new();

    /// <summary>The indicators that ship with the library, in a stable order.</summary>
    public static IReadOnlyList<IndicatorDescriptor> BuiltIn { get; } =
    [
        Ema.Descriptor,
        Sma.Descriptor,
        Smma.Descriptor,
        Rsi.Descriptor,
        Atr.Descriptor,
        TrueRange.Descriptor,
        Macd.Descriptor,
        BollingerBands.Descriptor,
        StandardDeviation.Descriptor,
        HeikinAshi.Descriptor,
        SuperTrend.Descriptor,
        AtrStop.Descriptor,
        Adx.Descriptor,
        Stochastic.Descriptor,
        Cci.Descriptor,
        WilliamsR.Descriptor,
        Obv.Descriptor,
        Vwap.Descriptor,
        DonchianChannels.Descriptor,
        KeltnerChannels.Descriptor,
    ];

    // Declared after BuiltIn: static initialisers run in text order.
    private static Snapshot _current = new(BuiltIn);

    /// <summary>Every indicator: the built-in ones, then the registered ones in registration order.</summary>
    public static IReadOnlyList<IndicatorDescriptor> All => Volatile.Read(ref _current).All;

    /// <summary>Looks an indicator up by ID, ignoring case.</summary>
    /// <param name="id">The ID, such as <c>EMA</c>.</param>
    /// <param name="descriptor">The descriptor, when found.</param>
    /// <returns>Whether the ID is registered.</returns>
    public static bool TryGet([NotNullWhen(true)] string? id, [NotNullWhen(true)] out IndicatorDescriptor? descriptor)
    {
        descriptor = null;
        return id is not null && Volatile.Read(ref _current).ById.TryGetValue(id.Trim(), out descriptor);
    }

    /// <summary>Looks an indicator up by ID, ignoring case.</summary>
    /// <param name="id">The ID, such as <c>EMA</c>.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">No indicator has that ID; the message lists the known IDs.</exception>
    public static IndicatorDescriptor Get(string id) =>
        TryGet(id, out var descriptor) ? descriptor : throw new ArgumentException(UnknownId(id), nameof(id));

    /// <summary>Adds an indicator defined outside the library (see <see cref="IndicatorDescriptor.Create{TIndicator, TValue}"/>).</summary>
    /// <param name="descriptor">The indicator's catalog entry.</param>
    /// <returns><see langword="true"/> when it was added; <see langword="false"/> when this very descriptor was already registered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="descriptor"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// Another indicator already has the ID (IDs ignore case), or the indicator's default columns clash with
    /// those of an indicator already in the catalog.
    /// </exception>
    public static bool Register(IndicatorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);

        // Built outside the lock: creating the default spec runs the descriptor's own code.
        var columns = IndicatorSpec.ColumnsOfDefaults(descriptor);
        lock (Gate)
        {
            var current = _current;
            if (current.ById.TryGetValue(descriptor.Id, out var existing))
            {
                return ReferenceEquals(existing, descriptor)
                    ? false
                    : throw new ArgumentException($"Indicator ID '{descriptor.Id}' is already taken by {existing.DisplayName}.", nameof(descriptor));
            }

            foreach (var other in current.All)
            {
                if (IndicatorSpec.ColumnsOfDefaults(other).Intersect(columns, StringComparer.Ordinal).FirstOrDefault() is { } clash)
                {
                    throw new ArgumentException(
                        $"Indicator {descriptor.Id} would produce the column '{clash}', which {other.Id} already produces.", nameof(descriptor));
                }
            }

            Volatile.Write(ref _current, new Snapshot([.. current.All, descriptor]));
            return true;
        }
    }

    internal static string UnknownId(string? id) =>
        $"Unknown indicator ID '{id}'. Known IDs: {string.Join(", ", All.Select(d => d.Id))}.";

    private sealed class Snapshot(IReadOnlyList<IndicatorDescriptor> all)
    {
        public IReadOnlyList<IndicatorDescriptor> All { get; } = all;

        public FrozenDictionary<string, IndicatorDescriptor> ById { get; } =
            all.ToFrozenDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);
    }
}
