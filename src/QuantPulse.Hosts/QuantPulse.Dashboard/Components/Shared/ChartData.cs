using System.Globalization;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;

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

    /// <summary>Markers for signals (strategy and confidence) and for trade entries and exits, on the candles they fall in, in time order.</summary>
    public static (IReadOnlyList<ChartMarker> Markers, IReadOnlyDictionary<string, string> Texts) Markers(
        Timeframe timeframe,
        IEnumerable<Signal> signals,
        IEnumerable<Trade> trades)
    {
        var markers = new List<ChartMarker>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var signal in signals)
        {
            var buy = signal.Type == SignalType.Buy;
            var id = "s:" + signal.Id;
            markers.Add(new ChartMarker(Time(timeframe, signal.Timestamp), buy ? "belowBar" : "aboveBar", buy ? "#26a69a" : "#ef5350", buy ? "arrowUp" : "arrowDown", string.Empty, id));
            texts[id] = string.Create(
                CultureInfo.InvariantCulture,
                $"{(buy ? "BUY" : "SELL")} signal · {signal.Strategy} · confidence {Percent(signal.Confidence)} · entry {signal.Entry} · SL {signal.StopLoss} · TP {signal.TakeProfit}");
        }

        foreach (var trade in trades)
        {
            var buy = trade.Direction == SignalType.Buy;
            var id = "t:" + trade.Id;
            markers.Add(new ChartMarker(Time(timeframe, trade.OpenTime), buy ? "belowBar" : "aboveBar", "#4c8dff", "circle", string.Empty, id));
            texts[id] = string.Create(CultureInfo.InvariantCulture, $"{(buy ? "BUY" : "SELL")} trade opened at {trade.EntryPrice}");
            if (trade.CloseTime is { } closed)
            {
                var exit = "x:" + trade.Id;
                var result = Format.Result(trade.Result);
                markers.Add(new ChartMarker(Time(timeframe, closed), buy ? "aboveBar" : "belowBar", trade.MovementPercentage >= 0 ? "#26a69a" : "#ef5350", "square", result, exit));
                texts[exit] = string.Create(CultureInfo.InvariantCulture, $"trade closed ({result}) at {trade.ClosePrice} · {trade.MovementPercentage:+0.###;-0.###;0}%");
            }
        }

        markers.Sort((a, b) => a.Time.CompareTo(b.Time));
        return (markers, texts);
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
