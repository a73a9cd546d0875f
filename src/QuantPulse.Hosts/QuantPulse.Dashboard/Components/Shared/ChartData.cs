using System.Globalization;
using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Dashboard.Components.Shared;

/// <summary>Turns Core's candles, signals and trades into what the chart script draws.</summary>
internal static class ChartData
{
    private static readonly string[] LineColors = ["#f0b429", "#4c8dff", "#e86bd0", "#5fd4f5"];

    /// <summary>Which indicator columns the price chart draws and where: averages and bands on the price pane, RSI and MACD below.</summary>
    public static IReadOnlyList<ChartLine> Lines(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var lines = new List<ChartLine>();
        var averages = 0;
        var macdPane = 0;
        var rsi = columns.Any(c => c.StartsWith("rsi_", StringComparison.Ordinal));
        foreach (var column in columns)
        {
            if (column.StartsWith("ema_", StringComparison.Ordinal) || column.StartsWith("sma_", StringComparison.Ordinal))
            {
                lines.Add(new ChartLine(column, LineColors[averages++ % LineColors.Length], 0));
            }
            else if (column.StartsWith("bb_", StringComparison.Ordinal))
            {
                lines.Add(new ChartLine(column, "#8a93a6", 0, Dashed: !column.StartsWith("bb_middle", StringComparison.Ordinal)));
            }
            else if (column.StartsWith("rsi_", StringComparison.Ordinal))
            {
                lines.Add(new ChartLine(column, "#b07cff", 1));
            }
            else if (column.StartsWith("macd", StringComparison.Ordinal))
            {
                macdPane = rsi ? 2 : 1;
                var histogram = column.StartsWith("macd_hist", StringComparison.Ordinal);
                var color = histogram ? "#5d6676" : column.StartsWith("macd_signal", StringComparison.Ordinal) ? "#f0b429" : "#4c8dff";
                lines.Add(new ChartLine(column, color, macdPane, Histogram: histogram));
            }
        }

        return lines;
    }

    /// <summary>A closed candle with the indicator values the chart draws.</summary>
    public static ChartBar Bar(ClosedCandle closed, IReadOnlyList<ChartLine> lines)
    {
        ArgumentNullException.ThrowIfNull(closed);
        Dictionary<string, double?>? values = null;
        if (closed.Indicators is { } indicators)
        {
            values = new Dictionary<string, double?>(lines.Count, StringComparer.Ordinal);
            foreach (var line in lines)
            {
                values[line.Name] = indicators[line.Name];
            }
        }

        return Bar(closed.Candle, values);
    }

    /// <summary>A candle (closed or forming) without indicator values.</summary>
    public static ChartBar Bar(Candle candle, IReadOnlyDictionary<string, double?>? indicators = null)
    {
        ArgumentNullException.ThrowIfNull(candle);
        return new ChartBar(
            candle.OpenTime.ToUnixTimeSeconds(),
            (double)candle.Open,
            (double)candle.High,
            (double)candle.Low,
            (double)candle.Close,
            (double)candle.Volume,
            indicators);
    }

    /// <summary>The column name of the UT Bot trailing stop line.</summary>
    public const string UtBotStop = "utbot_stop";

    /// <summary>
    /// The UT Bot trailing stop, its own line on the price pane: a thick magenta step line (a colour no indicator
    /// line uses, in either theme) labelled on the price axis.
    /// </summary>
    public static ChartLine UtBotLine { get; } = new(UtBotStop, "#e040fb", 0, Width: 3, LightColor: "#9c27b0", Steps: true, Label: "UT Bot stop");

    /// <summary>The bar with the UT Bot trailing stop after it added to its values (unchanged while the stop warms up).</summary>
    public static ChartBar WithStop(ChartBar bar, UtBotPoint? point)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (point is not { } p)
        {
            return bar;
        }

        var values = bar.Indicators is null ? new Dictionary<string, double?>(StringComparer.Ordinal) : new Dictionary<string, double?>(bar.Indicators, StringComparer.Ordinal);
        values[UtBotStop] = p.Stop;
        return bar with { Indicators = values };
    }

    /// <summary>
    /// Markers for signals (strategy and confidence), for trade entries and exits and for the UT Bot trailing stop's
    /// crossings, on the candles they fall in, in time order.
    /// </summary>
    public static (IReadOnlyList<ChartMarker> Markers, IReadOnlyDictionary<string, string> Texts) Markers(
        Timeframe timeframe,
        IEnumerable<Signal> signals,
        IEnumerable<Trade> trades,
        IEnumerable<UtBotPoint>? crossings = null)
    {
        var markers = new List<ChartMarker>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var signalList = signals as IReadOnlyCollection<Signal> ?? [.. signals];
        var tradeList = trades as IReadOnlyCollection<Trade> ?? [.. trades];

        // Entries are market prices: they give the symbol's precision for the computed stop loss and take profit.
        var decimals = PricePrecision.Of(signalList.Select(s => s.Entry).Concat(tradeList.Select(t => t.EntryPrice)));
        foreach (var signal in signalList)
        {
            var buy = signal.Type == SignalType.Buy;
            var id = "s:" + signal.Id;
            markers.Add(new ChartMarker(Time(timeframe, signal.Timestamp), buy ? "belowBar" : "aboveBar", buy ? "#26a69a" : "#ef5350", buy ? "arrowUp" : "arrowDown", string.Empty, id));
            texts[id] = string.Create(
                CultureInfo.InvariantCulture,
                $"{(buy ? "BUY" : "SELL")} signal · {signal.Strategy} · confidence {Percent(signal.Confidence)} · entry {Format.Price(signal.Entry, decimals)} · SL {Format.Price(signal.StopLoss, decimals)} · TP {Format.Price(signal.TakeProfit, decimals)}");
        }

        foreach (var trade in tradeList)
        {
            var buy = trade.Direction == SignalType.Buy;
            var id = "t:" + trade.Id;
            markers.Add(new ChartMarker(Time(timeframe, trade.OpenTime), buy ? "belowBar" : "aboveBar", "#4c8dff", "circle", string.Empty, id));
            texts[id] = string.Create(CultureInfo.InvariantCulture, $"{(buy ? "BUY" : "SELL")} trade opened at {Format.Price(trade.EntryPrice, decimals)}");
            if (trade.CloseTime is { } closed)
            {
                var exit = "x:" + trade.Id;
                var result = Format.Result(trade.Result);
                markers.Add(new ChartMarker(Time(timeframe, closed), buy ? "aboveBar" : "belowBar", trade.MovementPercentage >= 0 ? "#26a69a" : "#ef5350", "square", string.Empty, exit));
                texts[exit] = string.Create(CultureInfo.InvariantCulture, $"trade closed ({result}) at {(trade.ClosePrice is { } close ? Format.Price(close, decimals) : "–")} · {trade.MovementPercentage:+0.###;-0.###;0}%");
            }
        }

        foreach (var point in crossings ?? [])
        {
            if (point.Cross is not { } cross)
            {
                continue;
            }

            var buy = cross == SignalType.Buy;
            var id = string.Create(CultureInfo.InvariantCulture, $"u:{point.Time.ToUnixTimeSeconds()}");
            markers.Add(new ChartMarker(Time(timeframe, point.Time), buy ? "belowBar" : "aboveBar", buy ? "#00e676" : "#ff1744", buy ? "arrowUp" : "arrowDown", string.Empty, id));
            texts[id] = string.Create(
                CultureInfo.InvariantCulture,
                $"UT Bot {(buy ? "buy" : "sell")}: the close crossed {(buy ? "above" : "below")} the trailing stop {point.Stop.ToString("N" + Math.Max(decimals, 2), CultureInfo.InvariantCulture)}");
        }

        markers.Sort((a, b) => a.Time.CompareTo(b.Time));
        return Merge(markers, texts);
    }

    /// <summary>
    /// One marker per candle for each kind (buy signals, sell signals, entries, exits of one colour): on a longer
    /// timeframe many signals fall in one candle, and stacked markers would hide the candles. The hover text lists them
    /// all; markers carry no text labels (an exit's colour tells win or loss), which with a day of history would cover the chart.
    /// </summary>
    private static (IReadOnlyList<ChartMarker> Markers, IReadOnlyDictionary<string, string> Texts) Merge(
        List<ChartMarker> sorted,
        Dictionary<string, string> texts)
    {
        var merged = new List<ChartMarker>(sorted.Count);
        var mergedTexts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in sorted.GroupBy(m => (m.Time, m.Position, m.Shape, m.Color)))
        {
            var first = group.First();
            var count = group.Count();
            merged.Add(first);
            var lines = group.Select(m => texts.GetValueOrDefault(m.Id, string.Empty));
            mergedTexts[first.Id] = count == 1
                ? texts.GetValueOrDefault(first.Id, string.Empty)
                : string.Create(CultureInfo.InvariantCulture, $"{count} in this candle: {string.Join("  |  ", lines)}");
        }

        return (merged, mergedTexts);
    }

    /// <summary>Entry, take-profit and stop-loss lines of the open trade, or none.</summary>
    public static IReadOnlyList<ChartPriceLine> TradeLines(Trade? open) => open is null
        ? []
        :
        [
            new ChartPriceLine((double)open.TakeProfit, "#26a69a", "TP"),
            new ChartPriceLine((double)open.EntryPrice, "#4c8dff", open.Direction == SignalType.Buy ? "BUY" : "SELL"),
            new ChartPriceLine((double)open.StopLoss, "#ef5350", "SL"),
        ];

    private static long Time(Timeframe timeframe, DateTimeOffset time) => timeframe.BucketStart(time).ToUnixTimeSeconds();

    private static string Percent(double confidence) =>
        (confidence * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
