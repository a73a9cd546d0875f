using QuantPulse.Model;

namespace QuantPulse.Indicators;

public sealed partial class HeikinAshi : IColumnWriter
{
    internal static IndicatorDescriptor Descriptor { get; } = new(
        "HA",
        "Heikin-Ashi",
        "Averaged candles: close (O+H+L+C)/4, open the mid-point of the previous Heikin-Ashi body.",
        typeof(HeikinAshi),
        [],
        static _ => new HeikinAshi(),
        static _ => ["ha_open", "ha_high", "ha_low", "ha_close"]);

    void IColumnWriter.WriteNext(Candle closed, Span<double?> destination)
    {
        var value = Next(closed);
        destination[0] = value?.Open;
        destination[1] = value?.High;
        destination[2] = value?.Low;
        destination[3] = value?.Close;
    }
}
