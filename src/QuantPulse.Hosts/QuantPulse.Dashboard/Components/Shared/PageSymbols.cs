using QuantPulse.Hosting;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>The symbols the data pages offer: the configured ones and those uploaded since the start, in order.</summary>
internal static class PageSymbols
{
    public static IReadOnlyList<string> Of(SourceMonitor sources, CandleUploads uploads) =>
        [.. sources.GetConfiguredSymbols().Keys.Concat(uploads.Symbols).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The configured candle timeframes, then every other one.</summary>
    public static IReadOnlyList<Timeframe> Timeframes(QuantPulseOptions options) =>
        [.. options.Candles.Timeframes.Select(Timeframe.Parse).Concat(Timeframe.All).Distinct()];

    /// <summary>Points of a series with gaps where a value is missing; time in Unix seconds.</summary>
    public static IReadOnlyList<ChartPoint> Points(IReadOnlyList<DateTimeOffset> times, IReadOnlyList<double?> values) =>
        [.. times.Select((t, i) => (t, v: values[i])).Where(p => p.v is { } v && double.IsFinite(v)).Select(p => new ChartPoint(p.t.ToUnixTimeSeconds(), p.v!.Value))];
}
