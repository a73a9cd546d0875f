using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class DonchianChannels
{
    internal static IndicatorDescriptor Descriptor { get; } = IndicatorDescriptor.Create<DonchianChannels, ChannelValue>(
        "DONCHIAN",
        "Donchian channels",
        "Highest high and lowest low of the last Period candles (the current one included) and their mid-point.",
        [IndicatorParameter.Period(20, 1)],
        static spec => new DonchianChannels(spec.GetInt32(nameof(Period))),
        static spec => ChannelColumns("donchian_", IndicatorArguments.Format(spec.GetInt32(nameof(Period)))),
        WriteChannel);

    internal static string[] ChannelColumns(string prefix, string suffix) =>
        [prefix + "upper_" + suffix, prefix + "middle_" + suffix, prefix + "lower_" + suffix];

    internal static void WriteChannel(in ChannelValue value, Span<double?> columns)
    {
        columns[0] = value.Upper;
        columns[1] = value.Middle;
        columns[2] = value.Lower;
    }
}

public static partial class CandleIndicatorExtensions
{
    /// <summary>Donchian channels (see <see cref="DonchianChannels"/>).</summary>
    /// <param name="candles">Closed candles of one series, oldest first.</param>
    /// <param name="period">The number of candles.</param>
    /// <returns>One point per candle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is out of range.</exception>
    public static IReadOnlyList<IndicatorPoint<ChannelValue>> ToDonchianChannels(this IReadOnlyList<Candle> candles, int period = 20) =>
        candles.ToSeries(new DonchianChannels(period));
}
