using System.Globalization;

namespace QuantPulse.Cli.Tests.Testing;

/// <summary>The trades CSV of <c>quantpulse backtest</c>, read back with plain splitting (its cells hold no commas).</summary>
public static class TradeRows
{
    public const string Header = "id,signal_id,asset,entry_price,stop_loss,take_profit,open_time,close_time,result,duration_seconds,movement_percentage,close_price,run_id,run_scope";

    public static readonly string[] Columns = Header.Split(',');

    /// <summary>The data rows of a trades file, each as its 14 cells, after checking the header.</summary>
    public static IReadOnlyList<string[]> Read(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        var lines = text.Split('\n')[..^1];
        Assert.Equal(Header, lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(Columns.Length, r.Length));
        return rows;
    }

    public static string Cell(string[] row, string column) => row[Array.IndexOf(Columns, column)];

    public static DateTimeOffset Time(string cell) =>
        DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static decimal Decimal(string cell) => decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static double Double(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
