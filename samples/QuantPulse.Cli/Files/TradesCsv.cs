using System.Globalization;
using QuantPulse.Model;

namespace QuantPulse.Cli.Files;

/// <summary>Writes one back-test's trades as CSV with exactly the columns of the <c>trades</c> table, in its order.</summary>
/// <remarks>
/// Times are ISO-8601 UTC (<c>2024-01-02T00:03:00Z</c>; a fraction of a second only when there is one, to the
/// microsecond the database keeps, trailing zeros removed). Prices are the exact decimals; durations and movements
/// are written in the shortest form that reads back as the same <see cref="double"/>. The result is <c>WIN</c>,
/// <c>LOSS</c> or <c>EXPIRED</c>; while a trade is open its close cells are empty. Invariant culture, <c>\n</c>.
/// </remarks>
internal static class TradesCsv
{
    /// <summary>The header: the <c>trades</c> table's columns. Part of the <c>backtest</c> contract (docs/cli.md).</summary>
    public const string Header = "id,signal_id,asset,entry_price,stop_loss,take_profit,open_time,close_time,result,duration_seconds,movement_percentage,close_price,run_id,run_scope";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    /// <summary>Writes the header and one row per trade of run <paramref name="runId"/> (stored in its own scope), in the order given.</summary>
    public static void Write(TextWriter writer, IEnumerable<Trade> trades, string runId)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (var trade in trades)
        {
            CsvCells.WriteAll(writer, [.. Cells(trade), runId, runId]);
            writer.Write('\n');
        }
    }

    /// <summary>The text of <see cref="TradeResult"/> as the table stores it.</summary>
    public static string ResultText(TradeResult result) => result switch
    {
        TradeResult.Win => "WIN",
        TradeResult.Loss => "LOSS",
        _ => "EXPIRED",
    };

    private static string[] Cells(Trade trade) =>
    [
        trade.Id,
        trade.SignalId,
        trade.Asset,
        Number(trade.EntryPrice),
        Number(trade.StopLoss),
        Number(trade.TakeProfit),
        Time(trade.OpenTime),
        trade.CloseTime is { } closed ? Time(closed) : string.Empty,
        trade.Result is { } result ? ResultText(result) : string.Empty,
        trade.DurationSeconds is { } duration ? Number(duration) : string.Empty,
        trade.MovementPercentage is { } movement ? Number(movement) : string.Empty,
        trade.ClosePrice is { } price ? Number(price) : string.Empty,
    ];

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
